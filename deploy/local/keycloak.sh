#!/usr/bin/env bash
# A real Keycloak for sign-in in tests and local runs, without Docker (ARCHITECTURE §8).
#   deploy/local/keycloak.sh start | stop | status | reset | logs [lines]
# The Quarkus distribution (org.keycloak:keycloak-quarkus-dist, a zip) is resolved from Maven
# Central with mvn at a pinned version and unpacked into .keycloak/<version> (the zip is cached in
# ~/.m2); `kc.sh build` runs once per unpacked copy. The server runs in production mode
# (`start --optimized`, plain HTTP on the loopback address, its H2 `dev-file` database under
# .keycloak/<version>/…/data) and imports the `kinerja` realm from deploy/keycloak/kinerja-realm.json on its
# first start. Start-up waits until the realm's OpenID discovery document answers.
#
# Environment (defaults in brackets):
#   KINERJA_KEYCLOAK_PORT [18080], KINERJA_KEYCLOAK_MANAGEMENT_PORT [18090]
#   KINERJA_KEYCLOAK_VERSION [26.5.6]
#   KC_BOOTSTRAP_ADMIN_USERNAME [admin], KC_BOOTSTRAP_ADMIN_PASSWORD [admin]: the master realm's admin
#   KINERJA_PUBLIC_URL [http://127.0.0.1:3000]: the console's origin (redirect URI of kinerja-web)
#   KINERJA_WEB_CLIENT_SECRET [kinerja-web-dev-secret]: secret of the console's confidential client
#   KINERJA_PROVISIONER_SECRET [kinerja-provisioner-dev-secret]: secret of the provisioning client
#   KINERJA_DOCUMENTS_SECRET [kinerja-documents-dev-secret]: secret of the official documents' read-only client
#   KINERJA_API_AUDIENCE [kinerja-api]: the audience the services check (OIDC_AUDIENCE)
# The realm file's settings are read on the first start only: `reset` forgets the database.
set -euo pipefail

KC_VERSION="${KINERJA_KEYCLOAK_VERSION:-26.5.6}"
HOST=127.0.0.1
PORT="${KINERJA_KEYCLOAK_PORT:-18080}"
MANAGEMENT_PORT="${KINERJA_KEYCLOAK_MANAGEMENT_PORT:-18090}"
REALM=kinerja
URL="http://$HOST:$PORT"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.keycloak"
DIST="$CACHE/$KC_VERSION"
HOME_DIR="$DIST/keycloak-$KC_VERSION"
# One server per checkout: its database and import folder live in the unpacked copy's data/.
RUN="$CACHE/run"
DATA="$HOME_DIR/data"
PID_FILE="$RUN/keycloak.pid"
LOG_FILE="$RUN/server.log"
REALM_FILE="$ROOT/deploy/keycloak/kinerja-realm.json"
JAVA_BIN="${KINERJA_KEYCLOAK_JAVA:-java}"

log() { printf '[keycloak] %s\n' "$*" >&2; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid must still be our JVM.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "keycloak-$KC_VERSION/bin/kc.sh" || return 1
  echo "$pid"
}

# Exit 0 once the realm's discovery document answers.
ready() {
  curl -fsS --max-time 5 "$URL/realms/$REALM/.well-known/openid-configuration" >/dev/null 2>&1
}

resolve() {
  [[ -f "$DIST/.built" ]] && return 0
  mkdir -p "$CACHE"
  exec 8>"$CACHE/.resolve.lock"
  flock 8
  if [[ -f "$DIST/.built" ]]; then flock -u 8; return 0; fi
  command -v mvn >/dev/null || { log "mvn is not on PATH: cannot resolve Keycloak $KC_VERSION"; exit 1; }
  if [[ ! -x "$HOME_DIR/bin/kc.sh" ]]; then
    log "resolving org.keycloak:keycloak-quarkus-dist:$KC_VERSION (zip) from Maven Central into $DIST"
    rm -rf "$DIST"
    mkdir -p "$DIST"
    (cd "$DIST" && mvn -q -B -Dstyle.color=never dependency:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$DIST" -DmarkersDirectory="$DIST/.markers") >&2
  fi
  log "building the optimized server (once)"
  JAVA="$(command -v "$JAVA_BIN")" "$HOME_DIR/bin/kc.sh" build --db=dev-file --health-enabled=true >"$DIST/build.log" 2>&1 \
    || { tail -n 40 "$DIST/build.log" >&2; exit 1; }
  touch "$DIST/.built"
  flock -u 8
}

# The realm file with this installation's values, where Keycloak imports it from.
write_realm() {
  mkdir -p "$DATA/import"
  local public_url="${KINERJA_PUBLIC_URL:-http://127.0.0.1:3000}"
  sed -e "s#__KINERJA_PUBLIC_URL__#${public_url%/}#g" \
    -e "s#__KINERJA_WEB_CLIENT_SECRET__#${KINERJA_WEB_CLIENT_SECRET:-kinerja-web-dev-secret}#g" \
    -e "s#__KINERJA_PROVISIONER_SECRET__#${KINERJA_PROVISIONER_SECRET:-kinerja-provisioner-dev-secret}#g" \
    -e "s#__KINERJA_DOCUMENTS_SECRET__#${KINERJA_DOCUMENTS_SECRET:-kinerja-documents-dev-secret}#g" \
    -e "s#__KINERJA_API_AUDIENCE__#${KINERJA_API_AUDIENCE:-kinerja-api}#g" \
    "$REALM_FILE" >"$DATA/import/kinerja-realm.json"
  chmod 600 "$DATA/import/kinerja-realm.json"
}

start() {
  mkdir -p "$RUN"
  local pid
  if pid="$(running_pid)"; then
    local deadline=$((SECONDS + 300))
    while ((SECONDS < deadline)); do
      if ready; then log "already running (pid $pid) on $URL"; return 0; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    log "pid $pid is running but does not answer on $URL"; tail -n 60 "$LOG_FILE" >&2 || true; exit 1
  fi
  if ready; then
    log "a Keycloak not started by this checkout already answers on $URL: reusing it"
    return 0
  fi
  command -v "$JAVA_BIN" >/dev/null || { log "java is not on PATH"; exit 1; }
  command -v curl >/dev/null || { log "curl is not on PATH"; exit 1; }
  resolve
  write_realm

  log "starting Keycloak $KC_VERSION on $URL, management on $HOST:$MANAGEMENT_PORT (log: $LOG_FILE)"
  # setsid: the server outlives the shell (and the process group) that started it.
  # 8>&- 9>&-: the server must not inherit the locks.
  (
    cd "$RUN"
    export JAVA="$(command -v "$JAVA_BIN")"
    export JAVA_OPTS_KC_HEAP="-XX:MaxRAMPercentage=10 -XX:InitialRAMPercentage=2"
    export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
    export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
    exec setsid nohup "$HOME_DIR/bin/kc.sh" start --optimized \
      --http-enabled=true --http-host="$HOST" --http-port="$PORT" \
      --http-management-port="$MANAGEMENT_PORT" \
      --hostname="$URL" --hostname-strict=false \
      --import-realm \
      </dev/null >>"$LOG_FILE" 2>&1 8>&- 9>&-
  ) &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local deadline=$((SECONDS + 600))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "Keycloak exited during start-up; last lines of its log:"; tail -n 60 "$LOG_FILE" >&2; rm -f "$PID_FILE"; exit 1
    fi
    if ready; then log "ready on $URL (pid $pid): realm $REALM, admin console $URL/admin/"; return 0; fi
    sleep 1
  done
  log "Keycloak did not become ready in 600 s; last lines of its log:"; tail -n 60 "$LOG_FILE" >&2 2>/dev/null
  kill -TERM -- "-$pid" 2>/dev/null || true
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$PID_FILE"; return 0; fi
  log "stopping pid $pid"
  # kc.sh leads its own process group (setsid); the JVM is its child.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null || pgrep -g "$pid" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then log "still alive after 60 s: SIGKILL"; kill -KILL -- "-$pid" 2>/dev/null || true; fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  log "stopped (database kept in $DATA/h2)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if ready; then echo "up: Keycloak $KC_VERSION on $URL (pid $pid), realm $REALM"; return 0; fi
    echo "starting or unhealthy: pid $pid does not answer on $URL"; return 1
  fi
  if ready; then echo "up: a Keycloak not started by this checkout answers on $URL"; return 0; fi
  echo "down"; return 3
}

reset() {
  stop
  rm -rf "$DATA/h2" "$DATA/import" "$DATA/tmp"
  log "database removed (the realm is imported again on the next start)"
}

mkdir -p "$RUN"
exec 9>"$RUN/.lock"
cmd="${1:-}"
case "$cmd" in
  start | stop | reset) flock 9; "$cmd" ;;
  status) status ;;
  logs) tail -n "${2:-100}" "$LOG_FILE" ;;
  *) echo "usage: $0 start|stop|status|reset|logs [lines]" >&2; exit 2 ;;
esac
