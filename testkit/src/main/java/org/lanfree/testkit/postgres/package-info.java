/**
 * A real PostgreSQL for tests. A <em>cluster</em> is one data directory served by one postmaster
 * on a loopback port; its <em>binaries</em> come from Debian's package or from the embedded
 * binaries jar of a {@link org.lanfree.testkit.postgres.PostgresVersion major version}; its
 * <em>OS user</em> is the unprivileged account that runs initdb, pg_ctl and postgres, because
 * PostgreSQL refuses to run as root.
 */
package org.lanfree.testkit.postgres;
