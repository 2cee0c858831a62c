// @ts-check

/**
 * An index for every sort of the fleet list in both orders, and for every
 * filter (issue #20). The first set (20261207110000) served only ascending
 * sorts: a descending sort keeps its ties by name ascending, so its ORDER BY
 * mixes directions and neither database can walk an ascending index for it;
 * owner and subscription name sort their nulls last through a `case`
 * expression no index matched; the subscription filter compares
 * `lower(subscription_id)`, which no index held; and the status filter ran on
 * `worst_status`, whose index cannot give the attention order. Each of those
 * sorted or scanned the whole fleet per request (7-27 ms at 10,000 clusters
 * in SQLite, per request, on the event loop).
 *
 * Each index lists its columns in the direction of its ORDER BY, and the
 * expressions exactly as the query writes them (`clusterListQuery.ts`), so
 * SQLite and PostgreSQL both walk `offset + limit` entries of it. The search
 * text is the attention index's last column: a search in the default order
 * is then a walk of that index alone, reading a row only when it matches.
 * (A descending sort on SQLite may still sort the ties of its last terms
 * within one group; the old indexes sorted whole status groups.)
 */
const OWNER_MISSING = '(case when "owner" is null then 1 else 0 end)';
const SUBSCRIPTION_NAME_MISSING =
  '(case when "subscription_name" is null then 1 else 0 end)';

const ATTENTION =
  'status_rank, stale desc, expiry_sort, failing_controls desc, name, resource_id';

/** @type {Record<string, string>} */
const INDEXES = {
  aks_cluster_list_attention_idx: `${ATTENTION}, search_text`,
  aks_cluster_list_attention_desc_idx:
    'status_rank desc, stale, expiry_sort desc, failing_controls, name, resource_id',
  aks_cluster_list_status_desc_idx: 'status_rank desc, name, resource_id',
  aks_cluster_list_expiry_desc_idx: 'expiry_sort desc, name, resource_id',
  aks_cluster_list_failing_desc_idx: 'failing_controls desc, name, resource_id',
  aks_cluster_list_location_desc_idx: 'location desc, name, resource_id',
  aks_cluster_list_refreshed_desc_idx: 'refreshed_at desc, name, resource_id',
  aks_cluster_list_owner_sort_idx: `${OWNER_MISSING}, owner, name, resource_id`,
  aks_cluster_list_owner_sort_desc_idx: `${OWNER_MISSING}, owner desc, name, resource_id`,
  aks_cluster_list_subscription_sort_idx: `${SUBSCRIPTION_NAME_MISSING}, subscription_name, subscription_id, name, resource_id`,
  aks_cluster_list_subscription_sort_desc_idx: `${SUBSCRIPTION_NAME_MISSING}, subscription_name desc, subscription_id desc, name, resource_id`,
  // A subscription, region or owner filter in the default order walks its
  // own rows in attention order; with a region and an owner, the other one's
  // column (last) is read from the index.
  aks_cluster_list_subscription_attention_idx: `lower(subscription_id), ${ATTENTION}`,
  aks_cluster_list_location_attention_idx: `location, ${ATTENTION}, owner`,
  aks_cluster_list_owner_attention_idx: `owner, ${ATTENTION}, location`,
  // A search's count: the narrowest index holding the search text (in SQLite
  // about 3x cheaper to scan than the attention index's wide entries).
  aks_cluster_list_search_idx: 'search_text, resource_id',
};

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  // Replaced: the attention index gains the search text; the status filter
  // now reads status_rank (the attention index's first column).
  await knex.raw('drop index aks_cluster_list_attention_idx');
  await knex.raw('drop index aks_cluster_list_worst_status_idx');
  await knex.raw('drop index aks_cluster_list_owner_idx');
  // Only the filter options read it, once per refresh run (FleetReader
  // caches them); every index costs each refresh's write of every row.
  await knex.raw('drop index aks_cluster_list_subscription_idx');
  for (const [name, columns] of Object.entries(INDEXES)) {
    await knex.raw(`create index ${name} on aks_cluster_list (${columns})`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of Object.keys(INDEXES)) {
    await knex.raw(`drop index ${name}`);
  }
  await knex.raw(
    'create index aks_cluster_list_attention_idx on aks_cluster_list (status_rank, stale desc, expiry_sort, failing_controls desc, name, resource_id)',
  );
  await knex.raw(
    'create index aks_cluster_list_worst_status_idx on aks_cluster_list (worst_status)',
  );
  await knex.raw(
    'create index aks_cluster_list_owner_idx on aks_cluster_list (owner, name, resource_id)',
  );
  await knex.raw(
    'create index aks_cluster_list_subscription_idx on aks_cluster_list (subscription_id, subscription_name)',
  );
};
