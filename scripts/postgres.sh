# Sourced by test.sh: a PostgreSQL server on this machine's loopback for head office's tests
# (Debian's postgresql package, installed by bootstrap), and DOORSTEP_TEST_POSTGRES_URL
# pointing at it. Each test makes a database of its own there.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

start_test_postgres() {
  local version port
  version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main"; then
    as_root pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q online; then
    as_root pg_ctlcluster "$version" main start
  fi
  port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
  for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.2
  done
  as_postgres psql -q -p "$port" -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'doorstep') THEN
        CREATE ROLE doorstep LOGIN CREATEDB PASSWORD 'doorstep';
      END IF; END \$\$;" >/dev/null
  export DOORSTEP_TEST_POSTGRES_URL="postgres://doorstep:doorstep@127.0.0.1:$port/postgres"
}
