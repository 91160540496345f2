import type { DeviceTicketView } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { bareAccountName, recordedFor } from '../../../agent/endpoint/caller.js';

const ticket = (overrides: Partial<DeviceTicketView>): DeviceTicketView => ({
  id: '5b0c8f5e-9a4c-4c1e-9d3e-4f1d2a3b4c5d',
  number: 12,
  subject: 'Printer',
  status: 'open',
  priority: 'medium',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  messages: [],
  ...overrides,
});
const bob = { id: 'S-1-5-21-1-1001', name: 'CORP\\BChen', admin: false };
const alice = { id: '1000', name: 'alice', admin: false };

describe('tickets a technician recorded for a device', () => {
  it('compares account names without their domain and case', () => {
    expect(bareAccountName('CORP\\BChen')).toBe('bchen');
    expect(bareAccountName('bchen@corp.example')).toBe('bchen');
    expect(bareAccountName(' alice ')).toBe('alice');
  });

  it('belong to the account the technician named, or to whoever uses the device when none was named', () => {
    const named = ticket({ channel: 'phone', requesterAccountName: 'bchen@corp.example' });
    expect(recordedFor(named, bob)).toBe(true);
    expect(recordedFor(named, alice)).toBe(false);
    const unnamed = ticket({ channel: 'walk-up', requesterAccountName: null });
    expect(recordedFor(unnamed, alice)).toBe(true);
  });

  it('never hand a tray ticket (or one from an older server) to another user', () => {
    expect(recordedFor(ticket({ channel: 'tray', requesterAccountName: null }), alice)).toBe(false);
    expect(recordedFor(ticket({}), alice)).toBe(false);
  });
});
