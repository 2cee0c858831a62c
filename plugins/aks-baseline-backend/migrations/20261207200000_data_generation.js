// @ts-check

/**
 * One counter that every write of the fleet's data bumps in its own
 * transaction (issue #20): the fleet list keeps answers per generation, and
 * reads this row (one primary-key read) to know whether they still hold. A
 * refresh running on another replica writes the same database, so its writes
 * are seen here as soon as they commit; a per-process signal would miss them.
 * A streaming refresh writes clusters ahead of its run (`saveClusters`), so
 * the latest run's id alone would not change with those writes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aks_data_generation', table => {
    table.integer('id').primary().comment('always 1: the table has one row');
    table
      .bigInteger('generation')
      .notNullable()
      .comment('bumped by every transaction that writes clusters or runs');
  });
  await knex('aks_data_generation').insert({ id: 1, generation: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aks_data_generation');
};
