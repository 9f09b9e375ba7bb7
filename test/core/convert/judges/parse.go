// Go's own parser as the judge of what convert --language go writes: reads a JSON list of sources
// (each a Go file) on stdin, writes for each its string literals (unquoted), comments and
// top-level declaration count (or the parse error) as JSON. Used by
// test/core/convert/hostile-input.test.ts.
package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
)

type result struct {
	Error    *string  `json:"error"`
	Strings  []string `json:"strings"`
	Comments []string `json:"comments"`
	Decls    int      `json:"decls"`
}

func main() {
	var sources []string
	if err := json.NewDecoder(os.Stdin).Decode(&sources); err != nil {
		panic(err)
	}
	results := []result{}
	for _, source := range sources {
		r := result{Strings: []string{}, Comments: []string{}}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "main.go", source, parser.ParseComments|parser.AllErrors)
		if err != nil {
			message := err.Error()
			r.Error = &message
		}
		if f != nil {
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if v, err := strconv.Unquote(lit.Value); err == nil {
						r.Strings = append(r.Strings, v)
					}
				}
				return true
			})
			for _, group := range f.Comments {
				for _, c := range group.List {
					r.Comments = append(r.Comments, c.Text)
				}
			}
			r.Decls = len(f.Decls)
		}
		results = append(results, r)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		panic(err)
	}
}
