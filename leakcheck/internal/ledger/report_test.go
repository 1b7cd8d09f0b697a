package ledger

import "testing"

func TestShortName(t *testing.T) {
	for in, want := range map[string]string{
		"database/sql.(*DB).QueryContext":               "sql.(*DB).QueryContext",
		"github.com/jackc/pgx/v5.(*Conn).Begin":         "pgx.(*Conn).Begin",
		"github.com/jackc/pgx/v5/pgxpool.(*Pool).Query": "pgxpool.(*Pool).Query",
		"example.com/v2shop/store.(*Store).Orders":      "store.(*Store).Orders",
		"example.com/shop/v2.Orders":                    "shop.Orders",
		"main.main":                                     "main.main",
	} {
		if got := shortName(in); got != want {
			t.Errorf("shortName(%q) = %q, want %q", in, got, want)
		}
	}
}
