import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import { QueryView, noItems } from '../components/QueryView';
import { mockFetch, renderWith } from './util';

function Items() {
  const query = useQuery({ queryKey: ['items'], queryFn: () => get<string[]>('/api/items/') });
  return (
    <QueryView query={query} isEmpty={noItems} empty="Nothing here yet.">
      {(items) => (
        <ul>
          {items.map((x) => (
            <li key={x} data-testid="item">{x}</li>
          ))}
        </ul>
      )}
    </QueryView>
  );
}

describe('QueryView', () => {
  it('shows a spinner while loading, then the data', async () => {
    mockFetch({ 'GET /api/items/': { body: ['a', 'b'] } });
    renderWith(<Items />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect(await screen.findAllByTestId('item')).toHaveLength(2);
    expect(screen.queryByTestId('loading')).toBeNull();
    expect(screen.queryByTestId('empty')).toBeNull();
  });

  it('shows the empty message for an empty list', async () => {
    mockFetch({ 'GET /api/items/': { body: [] } });
    renderWith(<Items />);
    expect((await screen.findByTestId('empty')).textContent).toBe('Nothing here yet.');
    expect(screen.queryByTestId('item')).toBeNull();
  });

  it('shows the error and retries on request', async () => {
    let fail = true;
    const { calls } = mockFetch({
      'GET /api/items/': () => (fail ? { status: 500, body: { error: 'database is locked' } } : { body: ['c'] }),
    });
    renderWith(<Items />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('database is locked');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getAllByTestId('item').map((e) => e.textContent)).toEqual(['c']));
    expect(calls).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
