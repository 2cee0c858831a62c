// @ts-check

/**
 * The fleet snapshot: latest state per cluster (served by the API), the
 * certificate expiry seen at each refresh (history), and the refresh runs
 * with their errors.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aks_refresh_runs', table => {
    table.increments('id');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('succeeded | partial | failed');
    table.integer('cluster_count').notNullable();
    table.integer('request_count').notNullable();
    table
      .text('errors_json')
      .notNullable()
      .comment('JSON array of SourceError');
  });

  await knex.schema.createTable('aks_clusters', table => {
    table
      .string('resource_id', 512)
      .primary()
      .comment('lower-cased ARM id of the managed cluster');
    table.string('name', 128).notNullable();
    table.string('subscription_id', 64).notNullable();
    table.string('resource_group', 128).notNullable();
    table.string('location', 64).notNullable();
    table.string('worst_status', 16).notNullable();
    table.timestamp('soonest_expiry', { useTz: true }).nullable();
    table.integer('failing_controls').notNullable();
    table
      .timestamp('refreshed_at', { useTz: true })
      .notNullable()
      .comment('when the snapshot was last refreshed successfully');
    table
      .boolean('stale')
      .notNullable()
      .defaultTo(false)
      .comment('the last refresh failed for this cluster; snapshot is older');
    table.text('stale_reason').nullable();
    table.text('snapshot_json').notNullable();
    table.index(['subscription_id'], 'aks_clusters_subscription_idx');
  });

  await knex.schema.createTable('aks_certificate_observations', table => {
    table.increments('id');
    table
      .string('cluster_resource_id', 512)
      .notNullable()
      .references('resource_id')
      .inTable('aks_clusters')
      .onDelete('CASCADE');
    table.string('purpose', 32).notNullable();
    table.string('name', 256).notNullable();
    table.string('secret_id', 1024).nullable();
    table.timestamp('not_after', { useTz: true }).nullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.index(
      ['cluster_resource_id', 'observed_at'],
      'aks_cert_obs_cluster_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aks_certificate_observations');
  await knex.schema.dropTable('aks_clusters');
  await knex.schema.dropTable('aks_refresh_runs');
};
