// @ts-check

/**
 * The fleet list reads a small summary per cluster instead of parsing every
 * full snapshot (tens of KiB each): at 1,000 clusters that was most of the
 * list route's time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('aks_clusters', table => {
    table
      .text('summary_json')
      .nullable()
      .comment('JSON ClusterSummary fields the fleet list shows');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('aks_clusters', table => {
    table.dropColumn('summary_json');
  });
};
