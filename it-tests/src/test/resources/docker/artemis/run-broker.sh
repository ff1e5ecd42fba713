#!/bin/sh
# Starts the broker instance made at build time with the login of the environment, as the
# official apache/activemq-artemis image takes it: ARTEMIS_USER and ARTEMIS_PASSWORD (default
# artemis, artemis), in role amq, which broker.xml allows everything. The JAAS properties login
# takes a plain-text password as well as an ENC(...) hash; a test broker needs no more.
set -eu
etc=/var/lib/artemis-instance/etc
user="${ARTEMIS_USER:-artemis}"
printf '%s = %s\n' "$user" "${ARTEMIS_PASSWORD:-artemis}" > "$etc/artemis-users.properties"
printf 'amq = %s\n' "$user" > "$etc/artemis-roles.properties"
exec /var/lib/artemis-instance/bin/artemis run
