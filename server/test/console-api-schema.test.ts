import { DeviceListQuerySchema, TicketListQuerySchema, TicketUpdateRequestSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';


describe('console API query schemas', () => {
  it('coerces query-string numbers and trims search text', () => {
    const q = DeviceListQuerySchema.parse({ q: ' pc-01 ', page: '2' });
    expect(q).toMatchObject({ q: 'pc-01', page: 2, pageSize: 50, sort: 'hostname', order: 'desc' });
  });
  it('splits comma-separated statuses and refuses unknown ones', () => {
    expect(TicketListQuerySchema.parse({ status: 'new, open' }).status).toEqual(['new', 'open']);
    expect(TicketListQuerySchema.safeParse({ status: 'new,bogus' }).success).toBe(false);
  });
  it('refuses an empty ticket update', () => {
    expect(TicketUpdateRequestSchema.safeParse({}).success).toBe(false);
    expect(TicketUpdateRequestSchema.safeParse({ assigneeId: null }).success).toBe(true);
  });
  it('caps page sizes', () => {
    expect(DeviceListQuerySchema.safeParse({ pageSize: '100000' }).success).toBe(false);
  });
});
