// @ts-check

/**
 * The owners' notices already sent: one row per cluster, subject (a
 * certificate or a control), instance (the certificate's expiry, so a renewed
 * certificate is a new instance) and level. The unique key makes "send once"
 * atomic across replicas: a notice is sent only by the insert that created
 * its row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aks_notices_sent', table => {
    table.increments('id');
    table
      .string('cluster_resource_id', 512)
      .notNullable()
      .references('resource_id')
      .inTable('aks_clusters')
      .onDelete('CASCADE');
    table
      .string('subject', 1024)
      .notNullable()
      .comment('certificate:<purpose>:<secret id or name> | control:<id>');
    table
      .string('instance', 64)
      .notNullable()
      .comment("the certificate's notAfter (ISO), '' for a control");
    table
      .string('level', 16)
      .notNullable()
      .comment('warning | critical | expired | failing');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.unique(['cluster_resource_id', 'subject', 'instance', 'level'], {
      indexName: 'aks_notices_sent_once_idx',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aks_notices_sent');
};
