// Pins miniflux.app/v2@v2.2.0 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/miniflux-app-v2-v2.2.0

go 1.26.0

require (
	github.com/PuerkitoBio/goquery v1.9.2 // indirect
	github.com/andybalholm/cascadia v1.3.2 // indirect
	github.com/fxamacker/cbor/v2 v2.6.0 // indirect
	github.com/go-webauthn/webauthn v0.10.2 // indirect
	github.com/go-webauthn/x v0.1.9 // indirect
	github.com/golang-jwt/jwt/v5 v5.2.1 // indirect
	github.com/google/go-tpm v0.9.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/gorilla/mux v1.8.1 // indirect
	github.com/lib/pq v1.10.9 // indirect
	github.com/mitchellh/mapstructure v1.5.0 // indirect
	github.com/x448/float16 v0.8.4 // indirect
	golang.org/x/crypto v0.26.0 // indirect
	golang.org/x/net v0.28.0 // indirect
	golang.org/x/sys v0.23.0 // indirect
	golang.org/x/text v0.17.0 // indirect
	miniflux.app/v2 v2.2.0 // indirect
)
