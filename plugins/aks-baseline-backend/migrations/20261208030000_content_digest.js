// @ts-check

/**
 * A digest of what each cluster's rows hold besides their refresh time and
 * stale flag: the stored snapshot and the list columns (issue #20). Most
 * clusters do not change between two refreshes (a certificate's days left
 * change once a day, topology rarely), yet every refresh rewrote every row:
 * at 10,000 baseline stamps about 430 MB of JSON per cycle, every 30
 * minutes. A refresh now compares digests and, where they are equal, updates
 * only the refresh time and stale flag. Rows written before have none, so
 * their first refresh writes them in full.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('aks_clusters', table => {
    table
      .string('content_digest', 64)
      .nullable()
      .comment(
        'SHA-1 (base64) of the rows but refreshed_at and stale; null: written before digests',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('aks_clusters', table => {
    table.dropColumn('content_digest');
  });
};
