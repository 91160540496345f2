import type { Route } from '@deskside/shared';
import { Notification } from 'electron';

import type { Logger, Notifier } from '../core/ports.js';

/** Native notifications; a click opens the ticket. Kept referenced until closed so click still fires. */
export function electronNotifier(open: (route: Route) => void, log: Logger): Notifier {
  const live = new Set<Notification>();
  return {
    show({ title, body, route }) {
      if (!Notification.isSupported()) return log.info('notifications not supported here', { title });
      const n = new Notification({ title, body, silent: false });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        open(route);
      });
      n.on('close', () => live.delete(n));
      n.show();
    },
  };
}
