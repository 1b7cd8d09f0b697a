package lifecycle_test

import (
	"go/ast"
	"go/token"
)

// enclosingFunc returns the name of the function declaration of files
// that contains pos.
func enclosingFunc(fset *token.FileSet, files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos <= fd.End() {
				return fd.Name.Name
			}
		}
	}
	return ""
}
