// @ts-check

/**
 * The fleet list pages, sorts, filters and searches in the database (issue
 * #20) from a narrow table of its own: one row per cluster with what the list
 * shows and sorts on, and no snapshot. In aks_clusters the columns added
 * later sit after the snapshot (tens of KiB), so every list query read each
 * snapshot's pages: at 10,000 clusters a page took seconds. The indexes
 * follow the sort orders, so a page is an index walk of `limit` rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aks_cluster_list', table => {
    table
      .string('resource_id', 512)
      .primary()
      .references('resource_id')
      .inTable('aks_clusters')
      .onDelete('CASCADE')
      .comment('lower-cased ARM id of the managed cluster');
    table.string('name', 128).notNullable();
    table.string('subscription_id', 64).notNullable();
    table
      .string('subscription_name', 256)
      .nullable()
      .comment('display name, when the inventory listed subscriptions');
    table.string('resource_group', 128).notNullable();
    table.string('location', 64).notNullable();
    table
      .string('owner', 256)
      .nullable()
      .comment('the cluster tag "owner", when tagged');
    table.string('worst_status', 16).notNullable();
    table
      .integer('status_rank')
      .notNullable()
      .comment('worst_status in attention order: 0 error .. 3 ok');
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
    table.timestamp('soonest_expiry', { useTz: true }).nullable();
    table
      .string('expiry_sort', 32)
      .notNullable()
      .comment('soonest_expiry as ISO text, 9999-... when none: sorts last');
    table.integer('failing_controls').notNullable();
    table.timestamp('refreshed_at', { useTz: true }).notNullable();
    table
      .text('search_text')
      .notNullable()
      .comment('lower-cased name, resource group, owner, subscription name');
    table.text('summary_json').nullable();
  });

  // Directions in the index as in the ORDER BY: both databases then walk it
  // (forwards or backwards) instead of sorting the fleet.
  const indexes = {
    aks_cluster_list_attention_idx:
      'status_rank, stale desc, expiry_sort, failing_controls desc, name, resource_id',
    aks_cluster_list_status_idx: 'status_rank, name, resource_id',
    aks_cluster_list_name_idx: 'name, resource_id',
    aks_cluster_list_expiry_idx: 'expiry_sort, name, resource_id',
    aks_cluster_list_failing_idx: 'failing_controls, name, resource_id',
    aks_cluster_list_location_idx: 'location, name, resource_id',
    aks_cluster_list_owner_idx: 'owner, name, resource_id',
    aks_cluster_list_refreshed_idx: 'refreshed_at, name, resource_id',
    aks_cluster_list_subscription_idx: 'subscription_id, subscription_name',
    aks_cluster_list_worst_status_idx: 'worst_status',
  };
  for (const [name, columns] of Object.entries(indexes)) {
    await knex.raw(`create index ${name} on aks_cluster_list (${columns})`);
  }

  // The rows stored so far; owner and subscription name come with the next refresh.
  /** @type {Record<string, number>} */
  const rank = { error: 0, warning: 1, 'not-observed': 2 };
  const rows = await knex('aks_clusters').select(
    'resource_id',
    'name',
    'subscription_id',
    'resource_group',
    'location',
    'worst_status',
    'stale',
    'stale_reason',
    'soonest_expiry',
    'failing_controls',
    'refreshed_at',
    'summary_json',
  );
  const listRows = rows.map(row => {
    const expiry = row.soonest_expiry ? new Date(row.soonest_expiry) : null;
    return {
      ...row,
      soonest_expiry: expiry?.toISOString() ?? null,
      refreshed_at: new Date(row.refreshed_at).toISOString(),
      stale: Boolean(row.stale),
      status_rank: rank[row.worst_status] ?? 3,
      expiry_sort: expiry?.toISOString() ?? '9999-12-31T23:59:59.999Z',
      search_text: `${row.name} ${row.resource_group}`.toLowerCase(),
    };
  });
  await knex.batchInsert('aks_cluster_list', listRows, 200);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aks_cluster_list');
};
