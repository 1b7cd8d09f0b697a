package main

// SARIF 2.1.0 is written with the structs below rather than a library:
// see docs/cli.md ("Why no SARIF library") for the comparison with
// github.com/owenrumney/go-sarif.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/doc/comment"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	Help                 sarifMessage `json:"help"`
	HelpURI              string       `json:"helpUri,omitempty"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
}

// sarifSchema is the final SARIF 2.1.0 schema, as GitHub code scanning
// expects it.
const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// writeSARIF prints rep as a SARIF 2.1.0 log with one rule per analyzer.
func writeSARIF(w io.Writer, analyzers []*analysis.Analyzer, rep *report, src *sources) error {
	_, version := toolVersion()
	driver := sarifDriver{
		Name:            "leaklint",
		InformationURI:  "https://github.com/leaklint/leaklint",
		Version:         version,
		SemanticVersion: version,
		Rules:           []sarifRule{},
	}
	index := make(map[string]int)
	for _, a := range analyzers {
		index[a.Name] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRuleOf(a))
	}
	run := sarifRun{
		Tool:        sarifTool{driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(rep.errors) == 0}},
		Results:     []sarifResult{},
		ColumnKind:  "utf16CodeUnits",
	}
	for _, e := range rep.errors {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifMessage{Text: e.String()}})
	}
	seen := make(map[string]int) // fingerprint -> occurrences so far
	for _, f := range rep.findings {
		i, ok := index[f.analyzer]
		if !ok {
			continue // not one of ours: cannot happen, but SARIF needs a rule
		}
		run.Results = append(run.Results, sarifResultOf(f, i, src, seen))
	}
	data, err := json.MarshalIndent(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// sarifRuleOf describes analyzer a as a rule, from its documentation.
func sarifRuleOf(a *analysis.Analyzer) sarifRule {
	summary, long := splitDoc(a.Doc)
	if long == "" {
		long = summary
	}
	r := sarifRule{
		ID:               a.Name,
		ShortDescription: sarifMessage{Text: summary},
		FullDescription:  sarifMessage{Text: long},
		Help:             sarifMessage{Text: long, Markdown: markdown(long)},
		HelpURI:          a.URL,
	}
	r.DefaultConfiguration.Level = "error"
	return r
}

// sarifResultOf converts finding f of the rule at index rule to a result.
// seen counts the fingerprints so far, to tell identical lines apart.
func sarifResultOf(f *finding, rule int, src *sources, seen map[string]int) sarifResult {
	loc := sarifLocationOf(src, f.posn, f.end)
	r := sarifResult{
		RuleID:              f.analyzer,
		RuleIndex:           rule,
		Level:               "error",
		Message:             sarifMessage{Text: f.diag.Message},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: map[string]string{"leaklint/v1": fingerprint(f, src, seen)},
	}
	for i, rel := range f.diag.Related {
		l := sarifLocationOf(src, parsePosition(rel.Posn), parsePosition(rel.End))
		l.ID = i + 1
		l.Message = &sarifMessage{Text: rel.Message}
		r.RelatedLocations = append(r.RelatedLocations, l)
	}
	for _, fix := range f.diag.SuggestedFixes {
		r.Fixes = append(r.Fixes, sarifFixOf(fix, src))
	}
	return r
}

// sarifLocationOf returns the location of the range [start, end).
func sarifLocationOf(src *sources, start, end position) sarifLocation {
	if end.line == 0 {
		end = start
	}
	return sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: artifact(src, start.file),
		Region: sarifRegion{
			StartLine:   max(start.line, 1),
			StartColumn: src.column16(start),
			EndLine:     max(end.line, start.line, 1),
			EndColumn:   src.column16(end),
		},
	}}
}

// sarifFixOf converts a suggested fix; its byte offsets become regions.
func sarifFixOf(fix jsonFix, src *sources) sarifFix {
	var changes []sarifArtifactChange
	byFile := make(map[string]int)
	for _, e := range fix.Edits {
		i, ok := byFile[e.Filename]
		if !ok {
			i = len(changes)
			byFile[e.Filename] = i
			changes = append(changes, sarifArtifactChange{ArtifactLocation: artifact(src, e.Filename)})
		}
		start := src.offsetPosition(e.Filename, e.Start)
		end := src.offsetPosition(e.Filename, e.End)
		rep := sarifReplacement{DeletedRegion: sarifRegion{
			StartLine:   start.line,
			StartColumn: src.column16(start),
			EndLine:     end.line,
			EndColumn:   src.column16(end),
		}}
		if e.New != "" {
			rep.InsertedContent = &sarifMessage{Text: e.New}
		}
		changes[i].Replacements = append(changes[i].Replacements, rep)
	}
	return sarifFix{Description: sarifMessage{Text: fix.Message}, ArtifactChanges: changes}
}

// artifact returns the location of file: relative to %SRCROOT% (the
// current directory) when it lies inside it, else a file URI.
func artifact(src *sources, file string) sarifArtifact {
	rel := src.rel(file)
	if rel == file {
		p := filepath.ToSlash(file)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x.go
		}
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: rel}).String(), URIBaseID: "%SRCROOT%"}
}

// lineNumbers matches the line numbers in a message, which move with
// unrelated edits and so are left out of fingerprints.
var lineNumbers = regexp.MustCompile(`\bline \d+`)

// fingerprint identifies f across runs, whatever lines are added above
// it: a hash of the analyzer, file, message without line numbers, and the
// text of the flagged line, then the occurrence number of that hash.
func fingerprint(f *finding, src *sources, seen map[string]int) string {
	h := sha256.New()
	for _, s := range []string{
		f.analyzer,
		src.rel(f.posn.file),
		lineNumbers.ReplaceAllString(f.diag.Message, "line"),
		strings.TrimSpace(src.line(f.posn.file, f.posn.line)),
	} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	sum := hex.EncodeToString(h.Sum(nil))[:16]
	seen[sum]++
	return fmt.Sprintf("%s:%d", sum, seen[sum])
}

// markdown converts an analyzer's documentation, a Go doc comment, to
// Markdown for the rule's help.
func markdown(text string) string {
	var p comment.Parser
	var pr comment.Printer
	return string(pr.Markdown(p.Parse(text)))
}
