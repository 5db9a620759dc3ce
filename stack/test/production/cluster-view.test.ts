import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClusterViewError,
  clusterViews,
  currentClusterView,
  localMemberName,
  waitForClusterView,
} from '../../src/production/cluster-view.js';

// Lines as Keycloak 26.7.3 (Infinispan 16.0) logs them.
const joined = [
  '2026-11-28 07:07:11,110 INFO  [org.infinispan.CLUSTER] (executor-thread-1) ISPN000078: Starting JGroups channel `ISPN` with stack `jdbc-ping`',
  '2026-11-28 07:07:11,481 INFO  [org.infinispan.CLUSTER] (executor-thread-1) ISPN000094: Received new cluster view for channel ISPN: [vm-13766(v=16.0.14)|0] (1) [vm-13766(v=16.0.14)]',
  '2026-11-28 07:07:11,979 INFO  [org.infinispan.CLUSTER] (executor-thread-1) ISPN000079: Channel `ISPN` local address is `vm-13766`, physical addresses are `[127.0.0.1:7811]`',
  '2026-11-28 07:07:36,570 INFO  [org.infinispan.CLUSTER] (jgroups-5,vm-13766(v=16.0.14)) ISPN000094: Received new cluster view for channel ISPN: [vm-13766(v=16.0.14)|1] (2) [vm-13766(v=16.0.14), vm-40173(v=16.0.14)]',
].join('\n');
const second = [
  '2026-11-28 07:07:36,921 INFO  [org.infinispan.CLUSTER] (executor-thread-1) ISPN000094: Received new cluster view for channel ISPN: [vm-13766(v=16.0.14)|1] (2) [vm-13766(v=16.0.14), vm-40173(v=16.0.14)]',
  '2026-11-28 07:07:37,671 INFO  [org.infinispan.CLUSTER] (executor-thread-1) ISPN000079: Channel `ISPN` local address is `vm-40173`, physical addresses are `[127.0.0.1:7812]`',
].join('\n');

describe('reading cluster views from a node log', () => {
  it('finds every view, members without their version, coordinator first', () => {
    expect(clusterViews(joined)).toEqual([
      { id: 'vm-13766|0', members: ['vm-13766'] },
      { id: 'vm-13766|1', members: ['vm-13766', 'vm-40173'] },
    ]);
  });

  it('takes the last view as the current one and knows the node its own name', () => {
    expect(currentClusterView(joined)?.members).toEqual(['vm-13766', 'vm-40173']);
    expect(localMemberName(second)).toBe('vm-40173');
  });

  it('reports nothing for a node that has not joined yet', () => {
    expect(currentClusterView('Keycloak starting')).toBeUndefined();
    expect(localMemberName('')).toBeUndefined();
  });
});

describe('waitForClusterView', () => {
  const dir = mkdtempSync(join(tmpdir(), 'focus-cluster-view-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves once every node reports a view of exactly all of them', async () => {
    const a = join(dir, 'a.log');
    const b = join(dir, 'b.log');
    writeFileSync(a, joined);
    writeFileSync(b, second);
    const view = await waitForClusterView(
      [
        { file: a, from: 0 },
        { file: b, from: 0 },
      ],
      2000,
    );
    expect(view.members).toEqual(['vm-13766', 'vm-40173']);
  });

  it('ignores what a previous run logged', async () => {
    const a = join(dir, 'restarted.log');
    writeFileSync(a, joined);
    const from = joined.length;
    appendFileSync(a, '\n2026-11-28 08:00:00,000 INFO  [io.quarkus] (main) Keycloak starting');
    const b = join(dir, 'b2.log');
    writeFileSync(b, second);
    await expect(
      waitForClusterView(
        [
          { file: a, from },
          { file: b, from: 0 },
        ],
        1200,
      ),
    ).rejects.toThrow(ClusterViewError);
  });

  it('fails with what each node sees when they stay apart', async () => {
    const alone = join(dir, 'alone.log');
    writeFileSync(alone, joined.split('\n').slice(0, 3).join('\n'));
    const b = join(dir, 'b3.log');
    writeFileSync(b, second);
    await expect(
      waitForClusterView(
        [
          { file: alone, from: 0 },
          { file: b, from: 0 },
        ],
        1200,
      ),
    ).rejects.toThrow(/did not form one cluster.*alone\.log: member vm-13766, view \[vm-13766\]/s);
  });
});
