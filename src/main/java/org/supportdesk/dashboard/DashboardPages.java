package org.supportdesk.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.supportdesk.web.Refusal;

/**
 * The manager dashboard ({@code /staff/dashboard}, group {@code support-managers}; agents get 403): counters, the
 * open tickets by team and priority, the last days' intake as a chart drawn here (SVG, no script, no CDN), and the
 * lists of what went wrong, each linking to the staff ticket page and downloadable as CSV
 * ({@code /staff/dashboard/{table}.csv}). Filtered by team and by the days tickets were filed.
 */
@Controller
@RequestMapping("/staff/dashboard")
class DashboardPages {

    static final List<String> TABLES = List.of("open", "oldest", "trend", "response", "satisfaction-teams",
            "satisfaction-agents", "breaches", "downgrades", "undeliverable", "inbound");

    /** Rows a list shows on the page; its CSV has all (up to {@link Dashboard#LIST_LIMIT}). */
    static final int PAGE_ROWS = 100;

    private final Dashboard dashboard;

    DashboardPages(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping
    String page(@RequestParam(required = false) String team, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String by, Model model) {
        Dashboard.Filter filter = dashboard.filter(team, date("from", from), date("to", to), period(by));
        model.addAttribute("filter", filter);
        model.addAttribute("now", dashboard.now(filter));
        Dashboard.Trend trend = dashboard.trendAndResponse(filter);
        model.addAttribute("chart", Charts.filedAndSolved(trend.buckets()));
        model.addAttribute("tables", TABLES.stream().filter(name -> !name.equals("trend"))
                .map(name -> trend.table(name) != null ? trend.table(name) : dashboard.table(name, filter))
                .toList());
        model.addAttribute("trend", Dashboard.trendTable(trend.buckets(), filter.by()));
        model.addAttribute("query", query(filter));
        model.addAttribute("pageRows", PAGE_ROWS);
        return "staff/dashboard";
    }

    @GetMapping("/{name}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String name, @RequestParam(required = false) String team,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String by) {
        Dashboard.Filter filter = dashboard.filter(team, date("from", from), date("to", to), period(by));
        Dashboard.Table table = dashboard.table(name, filter);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("support-desk-" + table.name() + "-" + filter.from() + "-" + filter.to() + ".csv")
                        .build().toString())
                .body(Csv.of(table).getBytes(StandardCharsets.UTF_8));
    }

    static String query(Dashboard.Filter filter) {
        return "?from=" + filter.from() + "&to=" + filter.to()
                + (filter.by() == Dashboard.Period.WEEK ? "&by=week" : "")
                + (filter.team() == null ? "" : "&team=" + java.net.URLEncoder.encode(filter.team(),
                StandardCharsets.UTF_8));
    }

    private static Dashboard.Period period(String value) {
        if (value == null || value.isBlank()) {
            return Dashboard.Period.DAY;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "day" -> Dashboard.Period.DAY;
            case "week" -> Dashboard.Period.WEEK;
            default -> throw Refusal.invalidField("by", "not-day-or-week", value.strip().toLowerCase(Locale.ROOT));
        };
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Refusal.invalidField(field, "not-a-date", value.strip().toLowerCase(Locale.ROOT));
        }
    }
}
