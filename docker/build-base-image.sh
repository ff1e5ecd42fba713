#!/usr/bin/env bash
# Builds the Java base image for machines that reach no image registry: a minimal Debian
# bookworm with OpenJDK 17's headless JRE, from Debian's packages, imported as IMAGE
# (default inbound/jre-base:17). Users with a registry need none of this: the Dockerfile's
# default base is eclipse-temurin:17-jre. Does nothing when IMAGE exists. Runs as root.
set -euo pipefail
image="${1:-inbound/jre-base:17}"
docker="${DOCKER:-docker}"
if "$docker" image inspect "$image" >/dev/null 2>&1; then
  exit 0
fi
rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" >/dev/null
# What an image does not need: downloaded packages, package lists, documentation, translations.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* \
       "$rootfs"/usr/share/info/*
tar -C "$rootfs" -c . | "$docker" import \
    --change 'ENV LANG=C.UTF-8' \
    - "$image" >/dev/null
echo "built $image"
