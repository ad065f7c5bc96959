package render

import (
	"html/template"
	"strings"

	"github.com/tadafor/tadafor/internal/chart"
	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/site"
)

// Row is one line of a chart's data table: a label and its formatted
// value. Every chart is followed by the table of its data.
type Row struct {
	Label string
	Value string
}

// Chart is an inline SVG chart with the data it draws, for a <figure>
// that shows both.
type Chart struct {
	SVG  template.HTML
	Rows []Row
}

// Charts draw the commune's figures as inline SVG charts, each with the
// table of its data, in the page's language: layouts reach them as
// .Charts
//
//	{{ template "partials/chart.html" (dict "V" $ "C" ($.Charts.Petitions "chart-petitions") "Caption" …) }}
//
// The id of each call names the chart's elements, unique in the page. One
// Charts serves every page of a site in a language; it is safe for
// concurrent use.
type Charts struct {
	fmt *Fmt
	ind *indicators.Commune
}

// options are the options of a chart of rows: its description reads
// each row as "label: value", in the language's words.
func (c *Charts) options(id, titleKey string, rows []Row) chart.Options {
	f := c.fmt
	title, _ := f.T(titleKey)
	empty, _ := f.T("chart_empty")
	sep, err := f.T("entry_separator")
	if err != nil {
		sep = ";"
	}
	items := make([]string, len(rows))
	for i, r := range rows {
		items[i] = f.Label(r.Label) + " " + r.Value
	}
	return chart.Options{Title: title, Desc: strings.Join(items, sep+" "), Dir: f.lang.Dir, Lang: f.lang.Code, ID: id, Empty: empty}
}

// hbar draws labelled counts as horizontal bars.
func (c *Charts) hbar(id, titleKey string, rows []struct {
	key string
	n   int
}) Chart {
	var out Chart
	var bars []chart.Bar
	for _, r := range rows {
		label, _ := c.fmt.T(r.key)
		bars = append(bars, chart.Bar{Label: label, Value: r.n, Display: c.fmt.Num(r.n)})
		out.Rows = append(out.Rows, Row{label, c.fmt.Num(r.n)})
	}
	out.SVG = chart.HBar(bars, c.options(id, titleKey, out.Rows))
	return out
}

// share draws the share of women and men.
func (c *Charts) share(id, titleKey string, s indicators.Share) Chart {
	f := c.fmt
	pct := chart.Percents(s.Women, s.Men)
	women, _ := f.T("gender_women")
	men, _ := f.T("gender_men")
	wv := f.Num(s.Women) + " (" + f.percent(pct[0]) + ")"
	mv := f.Num(s.Men) + " (" + f.percent(pct[1]) + ")"
	rows := []Row{{women, wv}, {men, mv}}
	return Chart{
		SVG:  chart.Share([2]chart.Part{{Label: women, Value: s.Women, Display: wv}, {Label: men, Value: s.Men, Display: mv}}, c.options(id, titleKey, rows)),
		Rows: rows,
	}
}

// Members is the share of women among members (of a body).
func (c *Charts) Members(members []site.Member, id string) Chart {
	var s indicators.Share
	for _, m := range members {
		switch m.Gender {
		case site.Woman:
			s.Women++
		case site.Man:
			s.Men++
		}
	}
	return c.share(id, "chart_members_share", s)
}

// Council is the share of women among the councillors.
func (c *Charts) Council(id string) Chart {
	return c.share(id, "chart_council_share", c.ind.Council)
}

// Petitions counts the commune's petitions by outcome.
func (c *Charts) Petitions(id string) Chart {
	p := c.ind.Petitions
	return c.hbar(id, "chart_petitions", []struct {
		key string
		n   int
	}{
		{"ind_petitions_filed", p.Filed}, {"ind_petitions_accepted", p.Accepted}, {"ind_petitions_rejected", p.Rejected},
		{"ind_petitions_deliberated", p.Deliberated}, {"ind_petitions_pending", p.Pending}, {"ind_petitions_in_time", p.AnsweredInTime},
	})
}

// Projects counts the participatory budget's projects by status.
func (c *Charts) Projects(id string) Chart {
	p := c.ind.Projects
	return c.hbar(id, "chart_projects", []struct {
		key string
		n   int
	}{
		{"project_status_proposed", p.Proposed}, {"project_status_unfeasible", p.Unfeasible}, {"project_status_feasible", p.Feasible},
		{"project_status_selected", p.Selected}, {"project_status_in_progress", p.InProgress}, {"project_status_completed", p.Completed},
	})
}

// Sessions counts the council sessions held, by year.
func (c *Charts) Sessions(id string) Chart {
	var out Chart
	var bars []chart.Bar
	for _, y := range c.ind.Sessions {
		label, _ := c.fmt.T("ind_sessions_year", "year", site.Year(y.Year))
		bars = append(bars, chart.Bar{Label: label, Value: y.Total, Display: c.fmt.Num(y.Total)})
		out.Rows = append(out.Rows, Row{label, c.fmt.Num(y.Total)})
	}
	out.SVG = chart.HBar(bars, c.options(id, "chart_sessions", out.Rows))
	return out
}
