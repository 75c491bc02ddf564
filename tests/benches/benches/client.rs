//! CPU per call of the generated client next to a minimal hand-written
//! reqwest client sending the same requests to the same local server.
//!
//! The server is a tiny keep-alive HTTP/1.1 responder on 127.0.0.1, on a
//! thread of its own, that answers every `GET` with the same ~300-byte
//! operation. Each client runs on a current-thread tokio runtime on the
//! benchmark's main thread, one call at a time (concurrency 1), so that the
//! thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`) is the client's alone:
//! building the request, hyper's connection task, reading and decoding.
//! Rounds alternate raw, generated, raw, generated, …; the table gives the
//! median of the rounds per client, and the ratios generated / raw.
//!
//! `cargo bench -p benches --bench client`

use std::time::{Duration, Instant};

use earthengine::runtime::__private::ApiVersion;
use earthengine::runtime::StaticToken;
use earthengine::v1;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Calls per round.
const CALLS: usize = 3_000;
/// Rounds per client, alternating.
const ROUNDS: usize = 7;
/// Calls per client before the first round.
const WARM_UP: usize = 1_000;
const TOKEN: &str = "ya29.benchmark-token";
const OPERATION: &str = "projects/p/operations/0123456789";

/// The operation every request is answered with.
fn operation_json() -> String {
    serde_json::json!({
        "name": OPERATION,
        "done": true,
        "metadata": {
            "@type": "type.googleapis.com/google.earthengine.v1.OperationMetadata",
            "state": "SUCCEEDED",
            "description": "Export.image.toCloudStorage",
            "createTime": "2026-11-27T12:34:56.789Z",
            "updateTime": "2026-11-27T12:35:56.789Z",
            "startTime": "2026-11-27T12:34:57.000Z",
            "endTime": "2026-11-27T12:35:56.000Z",
            "progress": 1.0,
        },
        "response": {"@type": "type.googleapis.com/google.protobuf.Empty"},
    })
    .to_string()
}

/// Answers every request on `stream` with `response`, until the peer closes.
async fn serve(mut stream: TcpStream, response: &'static [u8]) {
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    let mut first = true;
    loop {
        // One response per complete head; GET requests have no body.
        while let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            if std::mem::take(&mut first) {
                // Each client has a connection of its own: show what it sends.
                let head = String::from_utf8_lossy(&buffer[..end]);
                eprintln!("{}\n", head.replace("\r\n", "\n    "));
            }
            buffer.drain(..end + 4);
            if stream.write_all(response).await.is_err() {
                return;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    }
}

/// Starts the server on a thread of its own; returns its address.
fn start_server() -> std::net::SocketAddr {
    let body = operation_json();
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=UTF-8\r\n\
         content-length: {}\r\n\r\n{body}",
        body.len()
    );
    let response: &'static [u8] = Box::leak(response.into_bytes().into_boxed_slice());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = TcpListener::from_std(listener).unwrap();
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                tokio::spawn(serve(stream, response));
            }
        });
    });
    address
}

/// The CPU time of the calling thread.
fn thread_cpu() -> Duration {
    let mut time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `time` is a valid, writable timespec.
    let result = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
    assert_eq!(result, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(time.tv_sec as u64, time.tv_nsec as u32)
}

/// What one round measured.
#[derive(Clone, Copy)]
struct Round {
    cpu_us_per_call: f64,
    calls_per_s: f64,
    p50_us: f64,
    p99_us: f64,
}

/// The minimal client: the generated client's headers, a `Value` back.
struct Raw {
    http: reqwest::Client,
    /// The time limit of each call, as the generated client's default
    /// attempt timeout; `None` for the minimal client.
    timeout: Option<Duration>,
    url: String,
    authorization: String,
    user_agent: &'static str,
    api_client: &'static str,
}

impl Raw {
    async fn call(&self) -> serde_json::Value {
        let mut request = self
            .http
            .get(&self.url)
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
            .header(reqwest::header::USER_AGENT, self.user_agent)
            .header("x-goog-api-client", self.api_client);
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        let response = request.send().await.unwrap();
        assert!(response.status().is_success());
        let body = response.bytes().await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }
}

async fn generated_call(client: &v1::Client) -> v1::model::Operation {
    client
        .projects()
        .operations()
        .get(OPERATION)
        .send()
        .await
        .unwrap()
}

/// Runs `CALLS` calls of `call` one after another, and measures them.
async fn round<F, Fut, T>(mut call: F) -> Round
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut latencies = Vec::with_capacity(CALLS);
    let cpu = thread_cpu();
    let start = Instant::now();
    for _ in 0..CALLS {
        let began = Instant::now();
        std::hint::black_box(call().await);
        latencies.push(began.elapsed());
    }
    let wall = start.elapsed();
    let cpu = thread_cpu() - cpu;
    latencies.sort();
    let percentile = |p: usize| latencies[(CALLS * p / 100).min(CALLS - 1)].as_secs_f64() * 1e6;
    Round {
        cpu_us_per_call: cpu.as_secs_f64() * 1e6 / CALLS as f64,
        calls_per_s: CALLS as f64 / wall.as_secs_f64(),
        p50_us: percentile(50),
        p99_us: percentile(99),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

fn medians(rounds: &[Round]) -> Round {
    let of = |field: fn(&Round) -> f64| median(rounds.iter().map(field).collect());
    Round {
        cpu_us_per_call: of(|r| r.cpu_us_per_call),
        calls_per_s: of(|r| r.calls_per_s),
        p50_us: of(|r| r.p50_us),
        p99_us: of(|r| r.p99_us),
    }
}

fn main() {
    let address = start_server();
    let base_url = format!("http://{address}/");
    let generated = v1::Client::builder()
        .base_url(base_url.clone())
        .token_source(StaticToken(TOKEN.into()))
        .build();
    let raw = Raw {
        http: reqwest::Client::new(),
        timeout: None,
        url: format!("{base_url}v1/{OPERATION}"),
        authorization: format!("Bearer {TOKEN}"),
        // What the generated client sends: its crate's name and version.
        user_agent: <v1::Api as ApiVersion>::USER_AGENT,
        api_client: "gl-rust gdcl/0.1.0",
    };
    let timed = Raw {
        http: reqwest::Client::new(),
        timeout: Some(earthengine::runtime::DEFAULT_ATTEMPT_TIMEOUT),
        url: raw.url.clone(),
        authorization: raw.authorization.clone(),
        ..raw
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        for _ in 0..WARM_UP {
            std::hint::black_box(raw.call().await);
            std::hint::black_box(timed.call().await);
            std::hint::black_box(generated_call(&generated).await);
        }
        let (mut raws, mut generateds, mut timeds) = (Vec::new(), Vec::new(), Vec::new());
        println!("round  client     cpu µs/call  calls/s  p50 µs  p99 µs");
        let show = |index: usize, name: &str, r: &Round| {
            println!(
                "{index:>5}  {name:<9}  {:>11.1}  {:>7.0}  {:>6.1}  {:>6.1}",
                r.cpu_us_per_call, r.calls_per_s, r.p50_us, r.p99_us
            )
        };
        for index in 0..ROUNDS {
            let r = round(|| raw.call()).await;
            show(index, "raw", &r);
            raws.push(r);
            let g = round(|| generated_call(&generated)).await;
            show(index, "generated", &g);
            generateds.push(g);
            let t = round(|| timed.call()).await;
            show(index, "raw+limit", &t);
            timeds.push(t);
        }
        let (r, g, t) = (medians(&raws), medians(&generateds), medians(&timeds));
        println!();
        println!("Medians of {ROUNDS} rounds of {CALLS} calls each, concurrency 1:\n");
        println!("| client | CPU µs/call | calls/s | p50 µs | p99 µs |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        let rows = [
            ("raw: reqwest + `Value`", r),
            ("generated: `operations().get(name).send()`", g),
            ("raw with a 60 s per-call timeout", t),
        ];
        for (name, m) in rows {
            println!(
                "| {name} | {:.1} | {:.0} | {:.1} | {:.1} |",
                m.cpu_us_per_call, m.calls_per_s, m.p50_us, m.p99_us
            );
        }
        for (name, m) in [("generated / raw", g), ("raw with timeout / raw", t)] {
            println!(
                "| {name} | **{:.2}×** | {:.2}× | {:.2}× | {:.2}× |",
                m.cpu_us_per_call / r.cpu_us_per_call,
                m.calls_per_s / r.calls_per_s,
                m.p50_us / r.p50_us,
                m.p99_us / r.p99_us
            );
        }
    });
}
