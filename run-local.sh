#!/usr/bin/env bash
# The local chat in one command: build what it needs, then run it until Ctrl-C.
#   ./run-local.sh                       memory store, http://localhost:8080/
#   ./run-local.sh --store dynamodb      embedded DynamoDB Local
#   ./run-local.sh --help                every option
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -pl local-chat -am package -DskipTests -Dmaven.test.skip=true
exec java -jar local-chat/target/wschat-local.jar "$@"
