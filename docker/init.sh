#!/usr/bin/env bash
# Install the three addons with demo data into $ODOO_DB, once.
set -euo pipefail
export PGHOST="$HOST" PGUSER="$USER" PGPASSWORD="$PASSWORD"
installed=$(psql -d "$ODOO_DB" -tAc \
    "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
     AND name IN ('client_events', 'event_evaluation', 'big_account')" 2>/dev/null || echo 0)
if [ "$installed" = "3" ]; then
    echo "Database $ODOO_DB already has the addons installed."
    exit 0
fi
exec odoo --config=/etc/odoo/client-events.conf --db_host="$HOST" --db_user="$USER" \
    --db_password="$PASSWORD" --database="$ODOO_DB" \
    --init=client_events,event_evaluation,big_account --load-language=zh_CN,zh_TW \
    --stop-after-init
