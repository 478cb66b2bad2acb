# Sourced once by the MariaDB image's entrypoint, when it initialises an empty data directory
# (docker compose): the runtime accounts beside the one the image creates (MARIADB_USER, the
# migration account, which owns the database). Each has the least it needs: the sink reads
# and writes rows, ingest-api reads.
sink_password=$(docker_sql_escape_string_literal "${DB_SINK_PASSWORD:?}")
api_password=$(docker_sql_escape_string_literal "${DB_API_PASSWORD:?}")
docker_process_sql --database=mysql <<SQL
CREATE USER IF NOT EXISTS '${DB_SINK_USER:?}'@'%' IDENTIFIED BY '${sink_password}';
GRANT SELECT, INSERT, UPDATE, DELETE ON \`${MARIADB_DATABASE:?}\`.* TO '${DB_SINK_USER}'@'%';
CREATE USER IF NOT EXISTS '${DB_API_USER:?}'@'%' IDENTIFIED BY '${api_password}';
GRANT SELECT ON \`${MARIADB_DATABASE}\`.* TO '${DB_API_USER}'@'%';
SQL
