/**
 * Backup manifests: the JSON file BASE_BACKUP writes beside a backup, listing every file with
 * its size and checksum, the WAL range the backup needs and (from 17) the system identifier.
 * {@link org.lanfree.db.pg.manifest.ManifestVerifier} checks a restored data directory against
 * it where no pg_verifybackup of the right major is installed.
 */
package org.lanfree.db.pg.manifest;
