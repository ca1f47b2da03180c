import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { gridchartKeys } from '../api/keys';

/**
 * Live refresh: listens to the node's server-sent events and refetches the chart when its data version
 * moves. EventSource reconnects by itself; `live` says whether the stream is open.
 */
export function useChartEvents(nodeId: number | null, enabled = true) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const [lastChange, setLastChange] = useState<Date | null>(null);
  useEffect(() => {
    if (!enabled || nodeId === null || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/gridchart/${nodeId}/events`);
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('ready', () => setLive(true));
    source.addEventListener('error', () => setLive(false));
    source.addEventListener('changed', () => {
      setLastChange(new Date());
      void queryClient.invalidateQueries({ queryKey: gridchartKeys.chart(nodeId) });
      void queryClient.invalidateQueries({ queryKey: ['gridchart', 'search', nodeId] });
    });
    return () => {
      source.close();
      setLive(false);
    };
  }, [nodeId, enabled, queryClient]);
  return { live, lastChange };
}
