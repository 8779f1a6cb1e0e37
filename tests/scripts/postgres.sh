# Starts and stops a throw-away PostgreSQL cluster on a free loopback port (sourced by scripts).
# pg_start sets PG_DIR, PG_PORT and PG_CONN; pg_stop removes the cluster.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  [ -x "$PG_BIN/initdb" ] || { echo "initdb not found under $PG_BIN" >&2; return 1; }
  PG_DIR=$(mktemp -d)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  PG_PORT=$(pg_free_port)
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U iomt >/dev/null || return 1
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null || return 1
  PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=iomt;Database=postgres"
  export PG_DIR PG_PORT PG_CONN
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}
