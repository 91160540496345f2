import { WebhookSubscriptionSchema, type WebhookSubscription } from '@deskside/shared';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { me } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const HOOK_ID = '5b0f2a8e-2f07-4a53-9b39-8f1e3c1d6d55';
const DELIVERY_ID = '0d8c3b2e-7a51-4f0e-9a57-3c7d2f1e9b10';
const EVENT_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

const hook = (over: Partial<WebhookSubscription> = {}): WebhookSubscription =>
  WebhookSubscriptionSchema.parse({
    id: HOOK_ID,
    name: 'Chat relay',
    url: 'https://chat.example.com/hooks/deskside',
    events: ['ticket.created', 'ticket.resolved'],
    enabled: true,
    secretHint: '…Ab3x',
    createdAt: '2026-11-28T09:00:00.000Z',
    updatedAt: '2026-11-28T09:00:00.000Z',
    lastDelivery: null,
    ...over,
  });

const failedDelivery = {
  id: DELIVERY_ID,
  subscriptionId: HOOK_ID,
  event: 'ticket.created',
  eventId: EVENT_ID,
  state: 'failed',
  attempts: 8,
  createdAt: '2026-11-28T09:00:00.000Z',
  lastAttemptAt: '2026-11-28T19:00:00.000Z',
  nextAttemptAt: null,
  deliveredAt: null,
  responseStatus: 503,
  responseExcerpt: 'upstream unavailable',
  error: 'the receiver answered HTTP 503',
  durationMs: 12,
  redeliveryOf: null,
};

describe('webhooks panel', () => {
  it('creates a webhook and shows its secret once', async () => {
    const user = userEvent.setup();
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/webhooks', { body: { items: [] } })
      .on('POST', '/webhooks', (req) => ({ status: 201, body: { subscription: hook({ name: (req.body as { name: string }).name }), secret: `dswh_${'A'.repeat(43)}` } }));
    renderConsole(api, '/admin?tab=webhooks');
    await screen.findByText('No webhooks yet.', undefined, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    await user.type(screen.getByLabelText('Name'), 'Chat relay');
    const url = screen.getByLabelText('URL (http:// or https://)');
    await user.clear(url);
    await user.type(url, 'https://chat.example.com/hooks/deskside');
    await user.click(screen.getByRole('checkbox', { name: /Ticket resolved/ }));
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    await waitFor(() => expect(api.last('POST', '/webhooks')).toBeDefined());
    expect(api.last('POST', '/webhooks')!.body).toEqual({ name: 'Chat relay', url: 'https://chat.example.com/hooks/deskside', events: ['ticket.created', 'ticket.resolved'], enabled: true });
    expect(((await screen.findByLabelText('Signing secret')) as HTMLInputElement).value).toBe(`dswh_${'A'.repeat(43)}`);
    expect(screen.getByText(/it is not shown again/)).toBeTruthy();
  }, 30_000);

  it('sends a test, shows the delivery log with the last answer, and redelivers', async () => {
    const user = userEvent.setup();
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/webhooks', { body: { items: [hook({ lastDelivery: failedDelivery as WebhookSubscription['lastDelivery'] })] } })
      .on('POST', `/webhooks/${HOOK_ID}/test`, { status: 202, body: { ...failedDelivery, id: EVENT_ID, event: 'ping', state: 'pending', attempts: 0, responseStatus: null, responseExcerpt: null, error: null, lastAttemptAt: null } })
      .on('GET', `/webhooks/${HOOK_ID}/deliveries`, { body: { items: [failedDelivery] } })
      .on('POST', `/webhooks/deliveries/${DELIVERY_ID}/redeliver`, { status: 202, body: { ...failedDelivery, id: EVENT_ID, state: 'pending', attempts: 0, redeliveryOf: DELIVERY_ID } });
    renderConsole(api, '/admin?tab=webhooks');
    const row = (await screen.findByText('Chat relay', undefined, { timeout: 10_000 })).closest('tr')!;
    expect(within(row).getByText('Failed')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Send test' }));
    await screen.findByText('A test was queued for Chat relay; see its deliveries.');
    await user.click(within(row).getByRole('button', { name: 'Deliveries' }));
    const log = await screen.findByRole('table', { name: 'Deliveries of Chat relay' });
    expect(within(log).getByText('upstream unavailable')).toBeTruthy();
    expect(within(log).getByText('the receiver answered HTTP 503')).toBeTruthy();
    await user.click(within(log).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() => expect(api.last('POST', `/webhooks/deliveries/${DELIVERY_ID}/redeliver`)).toBeDefined());
  }, 30_000);
});
