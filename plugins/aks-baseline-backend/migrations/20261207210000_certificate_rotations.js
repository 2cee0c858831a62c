// @ts-check

/**
 * Certificate observations become a record of rotations (issue #20): a
 * refresh now writes a certificate's observation only when its secret id or
 * expiry differs from the last one stored for that cluster, purpose and name.
 * Before, every refresh wrote every certificate again (at 10,000 clusters
 * with three certificates each, refreshed every 30 minutes, 1.4 million rows
 * a day). This folds the rows written before the same way: a row that
 * repeats the one before it for its certificate is deleted, so the first
 * sighting of each secret and expiry, with its time, stays.
 */
/** @type {(column: string, previous: string) => string} */
const SAME = (column, previous) =>
  `(${column} = ${previous} or (${column} is null and ${previous} is null))`;

const CERTIFICATE_ORDER =
  'over (partition by cluster_resource_id, purpose, name order by observed_at, id)';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw(`
    delete from aks_certificate_observations where id in (
      select id from (
        select id, secret_id, not_after,
          lag(secret_id) ${CERTIFICATE_ORDER} as previous_secret_id,
          lag(not_after) ${CERTIFICATE_ORDER} as previous_not_after,
          row_number() ${CERTIFICATE_ORDER} as position
        from aks_certificate_observations
      ) ordered
      where position > 1
        and ${SAME('secret_id', 'previous_secret_id')}
        and ${SAME('not_after', 'previous_not_after')}
    )`);
};

/** @param {import('knex').Knex} _knex */
exports.down = async function down(_knex) {
  // The deleted rows each repeated the row before them: nothing to restore.
};
