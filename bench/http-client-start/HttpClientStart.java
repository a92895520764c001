// The start-up cost of the JDK's two HTTP clients for one request, as a CLI call pays it (issue 21; the numbers are in
// docs/benchmarks.md, "Issue 21: the CLI's start-up"). One GET with a token, from a fresh JVM, timed from main to
// the whole answer; "client" is java.net.http.HttpClient, "urlconn" HttpURLConnection. Run each with the CLI's JVM
// options and an AOT cache of its own (JDK 25), e.g. against a running server and a token from the CLI's config:
//   javac -d out HttpClientStart.java && jar cfe start.jar HttpClientStart -C out .
//   for m in client urlconn; do java -XX:AOTCacheOutput=$m.aot -cp start.jar HttpClientStart $m "$URL" "$TOKEN"; done
//   for i in 1 2 3 4; do for m in client urlconn; do /usr/bin/time -f "  wall %e" java -XX:AOTCache=$m.aot \
//     -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp start.jar HttpClientStart $m "$URL" "$TOKEN"; done; done
import java.net.*; import java.net.http.*; import java.io.*; import java.time.Duration;
public class HttpClientStart { public static void main(String[] a) throws Exception {
  String url = a[1], token = a[2]; long t0 = System.nanoTime(); int code; int len;
  if (a[0].equals("client")) {
    HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
    code = r.statusCode(); len = r.body().length(); c.shutdownNow();
  } else {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestProperty("X-Auth-Token", token); code = c.getResponseCode();
    try (InputStream in = c.getInputStream()) { len = in.readAllBytes().length; }
  }
  System.out.println(a[0] + " " + code + " " + len + " " + (System.nanoTime() - t0) / 1_000_000 + " ms");
}}
