package gorm

import "gorm.io/gorm"

var DB *gorm.DB // ok: gorm's handle is a pool

var session *gorm.DB

func start() {
	session = DB.Begin() // want `package-level session is assigned tx from Begin: one transaction shared by the whole program`
}
