#!/usr/bin/env bash
# The local chat in one command: build what it needs, then run it until Ctrl-C.
#   ./run-local.sh                       memory store, http://localhost:8080/
#   ./run-local.sh --store dynamodb      embedded DynamoDB Local
#   ./run-local.sh --help                every option
set -euo pipefail
cd "$(dirname "$0")"
jar=local-chat/target/wschat-local.jar
classes=local-chat/target/wschat-local.jsa
# Rebuild only when a main source, a pom or the template changed since the jar was built: a find over those files
# takes milliseconds, where Maven with nothing to do takes 10 s or more. WSCHAT_REBUILD=1 forces a build.
# Tests are not in the jar, so a change to them alone does not rebuild.
stale() {
  [ ! -f "$jar" ] || [ "${WSCHAT_REBUILD:-}" = 1 ] && return 0
  [ -n "$(find pom.xml template.yaml */pom.xml */src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "wschat-local: building (sources changed since $jar)" >&2
  # -DskipTests -DskipITs, not -Dmaven.test.skip: local-chat's tests need local-gateway's test-jar, which a skip would not build.
  ./mvnw -q -B -pl local-chat -am package -DskipTests -DskipITs
  touch "$jar" # Maven leaves an up-to-date jar as it was; this marks it as checked against today's sources
  rm -f "$classes"
fi
# Class data sharing: the first start after a build writes the classes it loaded to an archive when it stops
# (Ctrl-C), later starts map them instead of loading them again (about 3 s to about 1.7 s here). A stale or foreign
# archive (another JDK) is ignored by the JVM, never fatal. Its log lines are silenced: CDS only speeds things up.
[ "$jar" -nt "$classes" ] && rm -f "$classes" # a jar built since (e.g. by ./mvnw verify) makes it stale
if [ -f "$classes" ]; then
  share=(-XX:SharedArchiveFile="$classes" -Xshare:auto)
else
  share=(-XX:ArchiveClassesAtExit="$classes")
fi
exec java "${share[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" "$@"
