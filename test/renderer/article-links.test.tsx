import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { ArticleBody } from '../../renderer/src/components/article-body';
import { installFakeBridge } from './fake-bridge';

afterEach(() => cleanup());

describe('links in help articles', () => {
  it('asks the main process to open a clicked link instead of navigating the tray window', () => {
    const bridge = installFakeBridge({ 'links:open-external': () => null });
    render(<ArticleBody lang="en" body={'Read [the VPN guide](https://support.example.org/vpn) or **[write to us](mailto:helpdesk@example.org)**.'} />);
    const guide = screen.getByRole('link', { name: 'the VPN guide' });
    // fireEvent returns false when a handler called preventDefault: the window itself goes nowhere.
    expect(fireEvent.click(guide)).toBe(false);
    expect(fireEvent.click(screen.getByText('write to us'))).toBe(false);
    expect(bridge.calls('links:open-external')).toEqual([['https://support.example.org/vpn'], ['mailto:helpdesk@example.org']]);
  });

  it('renders no link for other schemes, so there is nothing to hand over; clicks on text do nothing', () => {
    const bridge = installFakeBridge({ 'links:open-external': () => null });
    render(<ArticleBody lang="en" body={'[calc](file:///C:/Windows/System32/calc.exe) [x](javascript:alert(1)) plain text'} />);
    expect(screen.queryAllByRole('link')).toEqual([]);
    expect(fireEvent.click(screen.getByTestId('article-body'))).toBe(true);
    expect(bridge.calls('links:open-external')).toEqual([]);
  });
});
