package org.supportdesk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Real HTTP load on the customer API from concurrent clients, latencies in microseconds. */
final class HttpLoad {

    record Result(double perSecond, Histogram latencies, int errors) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final AtomicInteger sequence = new AtomicInteger();

    HttpLoad(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** One filing: POST /api/tickets as {@code user}; returns the HTTP status. */
    int fileTicket(String user) throws Exception {
        int n = sequence.incrementAndGet();
        String body = """
                {"product":"LIFECYCLE","topic":"CONFIGURATION","concernType":"PROBLEM",
                 "summary":"Benchmark ticket %d","description":"Policy evaluation fails on node %d.",
                 "businessImpact":"NORMAL"}""".formatted(n, n);
        return send(user, HttpRequest.newBuilder(URI.create(base + "/api/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    int get(String user, String path) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET with another password (a staff login). */
    int get(String user, String password, String path) throws Exception {
        return send(user, password, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private int send(String user, HttpRequest.Builder request) throws Exception {
        return send(user, "bench", request);
    }

    private int send(String user, String password, HttpRequest.Builder request) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(request.header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    interface Call {
        int run(String user) throws Exception;
    }

    /** Closed loop: each client sends its next request when the last one answered. */
    Result closedLoop(List<String> users, int clients, int warmupSeconds, int seconds, Call call) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicInteger errors = new AtomicInteger();
        AtomicLong counted = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            String user = users.get(c % users.size());
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = call.run(user);
                    } catch (Exception e) {
                        status = -1;
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom && done <= end) {
                        recorder.recordValue(Math.max(1, (done - sent) / 1000));
                        counted.incrementAndGet();
                        if (status < 200 || status >= 300) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + warmupSeconds + 120L, TimeUnit.SECONDS);
        return new Result(counted.get() / (double) seconds, recorder.getIntervalHistogram(), errors.get());
    }

    /**
     * Open loop at a fixed rate: requests are due on a schedule whatever the answers do, and latency counts from
     * when a request was due (no coordinated omission).
     */
    Result openLoop(List<String> users, int perSecond, int seconds, Call call) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicInteger errors = new AtomicInteger();
        int total = perSecond * seconds;
        ExecutorService workers = Executors.newFixedThreadPool(64);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            String user = users.get(i % users.size());
            clock.schedule(() -> workers.submit(() -> {
                int status;
                try {
                    status = call.run(user);
                } catch (Exception e) {
                    status = -1;
                }
                recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                if (status < 200 || status >= 300) {
                    errors.incrementAndGet();
                }
                done.incrementAndGet();
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        workers.shutdown();
        workers.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        return new Result(done.get() / (double) seconds, recorder.getIntervalHistogram(), errors.get());
    }
}
