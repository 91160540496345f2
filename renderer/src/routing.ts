import { VIEWS, type Route, type View } from '@deskside/shared';
import { useEffect, useState } from 'react';


import { subscribe } from './bridge';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `#/tickets/<id>` → route; anything unknown shows Report a problem. */
export function parseHash(hash: string): Route {
  const [view, id] = hash.replace(/^#\/?/, '').split('/');
  const known = (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'report';
  if (known === 'tickets' && id && UUID.test(id)) return { view: known, ticketId: id };
  if (known === 'help' && id && UUID.test(id)) return { view: known, articleId: id };
  return { view: known };
}

export function hashOf(route: Route): string {
  const id = route.ticketId ?? route.articleId;
  return id ? `#/${route.view}/${id}` : `#/${route.view}`;
}

export function navigate(route: Route): void {
  window.location.hash = hashOf(route);
}

/** The current route; follows the hash and the main process's `navigate` pushes (tray, notifications). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    const off = subscribe('navigate', (r) => navigate(r));
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, []);
  return route;
}
