#!/usr/bin/env bash
# The local chat in one command: build what it needs, then run it until Ctrl-C.
#   ./run-local.sh                       memory store, http://localhost:8080/
#   ./run-local.sh --store dynamodb      embedded DynamoDB Local
#   ./run-local.sh --help                every option
set -euo pipefail
# -DskipTests, not -Dmaven.test.skip: local-chat's tests need local-gateway's test-jar, which a skip would not build.
cd "$(dirname "$0")"
./mvnw -q -B -pl local-chat -am package -DskipTests
exec java -jar local-chat/target/wschat-local.jar "$@"
