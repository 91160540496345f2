import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { devicePage, me, ticketPage } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const empty = (role: 'admin' | 'technician' = 'admin') =>
  new FakeApi()
    .on('GET', '/me', { body: me(role) })
    .on('GET', '/technicians', { body: { items: [me(role).technician] } })
    .on('GET', '/tickets', { body: ticketPage([]) })
    .on('GET', '/devices', { body: devicePage([]) });

describe('empty lists say what to do next', () => {
  it('on a new installation the device list explains enrolling the first device, not "no match"', async () => {
    renderConsole(empty(), '/devices');
    expect(await screen.findByText(/No device has enrolled yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create an enrollment secret' }).getAttribute('href')).toBe('/admin');
    expect(screen.queryByText('No devices match these filters.')).toBeNull();
  });

  it('on a new installation the queue says where tickets come from', async () => {
    renderConsole(empty('technician'), '/queue');
    expect(await screen.findByText(/No tickets yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See the enrolled devices' })).toBeTruthy();
  });

  it('offers Clear filters for every filter, here antivirus and backup together', async () => {
    const api = empty();
    renderConsole(api, '/devices?av=off&backup=stale');
    expect(await screen.findByText('No devices match these filters.')).toBeTruthy();
    const clears = screen.getAllByRole('button', { name: 'Clear filters' });
    expect(clears.length).toBeGreaterThan(0);
    await userEvent.setup().click(clears[0]!);
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('av')).toBeNull());
    expect(api.last('GET', '/devices')?.query.get('backup')).toBeNull();
    expect(await screen.findByText(/No device has enrolled yet/)).toBeTruthy();
  });

  it('offers Clear filters on an empty, filtered queue', async () => {
    const api = empty();
    renderConsole(api, '/queue?priority=critical&category=printing');
    expect(await screen.findByText('No tickets match these filters.')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('category')).toBeNull());
    expect(await screen.findByText(/No tickets yet/)).toBeTruthy();
  });
});
