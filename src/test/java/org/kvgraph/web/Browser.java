package org.kvgraph.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;

/**
 * Headless Chromium (the Debian packages {@code chromium} and {@code chromium-driver}) driven through
 * chromedriver's W3C WebDriver HTTP API with java.net.http: open a page, run a script in it, wait for a
 * condition, take a screenshot. Name resolution is mapped away for every host but localhost, so nothing a page
 * asks for can reach the internet.
 */
final class Browser implements AutoCloseable {
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));

    private final Process driver;
    private final String url;
    private final String session;

    private Browser(Process driver, String url, String session) {
        this.driver = driver;
        this.url = url;
        this.session = session;
    }

    /** Why a browser cannot be started here, or empty when chromium and chromedriver are installed. */
    static Optional<String> missing() {
        if (find(DRIVERS).isEmpty() || find(BROWSERS).isEmpty()) {
            return Optional.of("headless Chromium is not installed (apt-get install chromium chromium-driver;"
                    + " .ci/run installs it): browser tests skipped");
        }
        return Optional.empty();
    }

    private static Optional<Path> find(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    static Browser start(Path profile) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(find(DRIVERS).orElseThrow().toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromedriver.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (Http.CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroyForcibly();
                throw new IOException("chromedriver did not start");
            }
            Thread.sleep(100);
        }
        JsonArray args = new JsonArray();
        for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1400", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost")) {
            args.add(a);
        }
        JsonObject chrome = new JsonObject();
        chrome.put("binary", find(BROWSERS).orElseThrow().toString());
        chrome.put("args", args);
        // links with a download go to the folder beside the profile, without asking
        JsonObject prefs = new JsonObject();
        prefs.put("download.default_directory", downloads(profile).toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        prefs.put("profile.default_content_setting_values.automatic_downloads", 1);   // more than one per page
        chrome.put("prefs", prefs);
        JsonObject always = new JsonObject();
        always.put("browserName", "chrome");
        always.put("goog:chromeOptions", chrome);
        JsonObject caps = new JsonObject();
        caps.put("alwaysMatch", always);
        JsonObject body = new JsonObject();
        body.put("capabilities", caps);
        try {
            JsonValue v = call(base, "POST", "/session", body);
            return new Browser(p, base, v.getAsObject().get("sessionId").getAsString().value());
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Where the browser started with this profile saves downloads. */
    static Path downloads(Path profile) {
        return profile.resolveSibling("downloads");
    }

    void open(String page) {
        JsonObject b = new JsonObject();
        b.put("url", page);
        call(url, "POST", "/session/" + session + "/url", b);
    }

    /** Runs a script (a function body; {@code return} gives the value) in the page. */
    JsonValue script(String js) {
        JsonObject b = new JsonObject();
        b.put("script", js);
        b.put("args", new JsonArray());
        return call(url, "POST", "/session/" + session + "/execute/sync", b);
    }

    /** Waits until the script returns true; fails with the last value after the timeout. */
    void waitFor(String js, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonValue v = null;
        while (System.nanoTime() < deadline) {
            v = script(js);
            if (v.isBoolean() && v.getAsBoolean().value()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + " (last: " + v + ")");
    }

    void screenshot(Path file) throws IOException {
        JsonValue v = call(url, "GET", "/session/" + session + "/screenshot", null);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(v.getAsString().value()));
    }

    private static JsonValue call(String base, String method, String path, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> r = Http.send(b.build());
        JsonObject o = JSON.parse(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return o.get("value");
    }

    @Override
    public void close() {
        try {
            call(url, "DELETE", "/session/" + session, null);
        } catch (RuntimeException e) {
            // the driver is stopped below anyway
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            driver.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
