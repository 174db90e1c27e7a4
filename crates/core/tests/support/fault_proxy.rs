//! A fault-injecting HTTP proxy between a device and head office. Each request meets the
//! next fault the schedule draws: dropped before head office sees it, answered but the answer
//! lost, sent twice, delayed, sent again late (so it arrives after the requests behind it), or
//! head office killed and restarted while it works on it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use doorstep_headoffice::running::RunningHeadOffice;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    DropRequest,
    DropResponse,
    Duplicate,
    Delay,
    LateCopy,
    KillServer,
}

const FAULTS: [Fault; 6] = [
    Fault::DropRequest,
    Fault::DropResponse,
    Fault::Duplicate,
    Fault::Delay,
    Fault::LateCopy,
    Fault::KillServer,
];

pub struct Schedule {
    rng: ChaCha8Rng,
    /// The chance a request meets a fault, in percent; 0 passes everything through.
    pub fault_percent: u32,
    pub faults_injected: Vec<Fault>,
}

impl Schedule {
    fn next(&mut self) -> Fault {
        if self.rng.gen_range(0..100) >= self.fault_percent {
            return Fault::None;
        }
        let fault = FAULTS[self.rng.gen_range(0..FAULTS.len())];
        self.faults_injected.push(fault);
        fault
    }

    fn millis(&mut self, most: u64) -> u64 {
        self.rng.gen_range(0..=most)
    }
}

pub struct FaultProxy {
    pub address: SocketAddr,
    pub schedule: Arc<Mutex<Schedule>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Server = Arc<Mutex<RunningHeadOffice>>;

impl FaultProxy {
    pub async fn start(server: Server, seed: u64) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let address = listener.local_addr().expect("an address");
        let schedule = Arc::new(Mutex::new(Schedule {
            rng: ChaCha8Rng::seed_from_u64(seed),
            fault_percent: 0,
            faults_injected: Vec::new(),
        }));
        let task = {
            let schedule = schedule.clone();
            tokio::spawn(async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let server = server.clone();
                    let schedule = schedule.clone();
                    tokio::spawn(async move {
                        let service = hyper::service::service_fn(move |request| {
                            relay(server.clone(), schedule.clone(), request)
                        });
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            })
        };
        FaultProxy {
            address,
            schedule,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub async fn set_fault_percent(&self, percent: u32) {
        self.schedule.lock().await.fault_percent = percent;
    }
}

#[derive(Debug)]
struct Cut;

impl std::fmt::Display for Cut {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("connection cut by the fault proxy")
    }
}

impl std::error::Error for Cut {}

struct Buffered {
    method: hyper::Method,
    uri: hyper::Uri,
    headers: hyper::HeaderMap,
    body: Bytes,
}

async fn relay(
    server: Server,
    schedule: Arc<Mutex<Schedule>>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Cut> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map_err(|_| Cut)?.to_bytes();
    let buffered = Arc::new(Buffered {
        method: parts.method,
        uri: parts.uri,
        headers: parts.headers,
        body,
    });
    let (fault, pause) = {
        let mut schedule = schedule.lock().await;
        let fault = schedule.next();
        (fault, schedule.millis(30))
    };
    let target = server.lock().await.address();
    match fault {
        Fault::None => forward(target, &buffered).await,
        Fault::DropRequest => Err(Cut),
        Fault::DropResponse => {
            let _ = forward(target, &buffered).await;
            Err(Cut)
        }
        Fault::Duplicate => {
            let _ = forward(target, &buffered).await;
            forward(target, &buffered).await
        }
        Fault::Delay => {
            tokio::time::sleep(Duration::from_millis(pause)).await;
            forward(target, &buffered).await
        }
        Fault::LateCopy => {
            let copy = buffered.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(pause + 20)).await;
                let _ = forward(target, &copy).await;
            });
            forward(target, &buffered).await
        }
        Fault::KillServer => {
            let in_flight = {
                let buffered = buffered.clone();
                tokio::spawn(async move { forward(target, &buffered).await })
            };
            tokio::time::sleep(Duration::from_millis(pause / 10)).await;
            {
                let mut server = server.lock().await;
                server.kill();
                let _ = server.restart().await;
            }
            let _ = in_flight.await;
            Err(Cut)
        }
    }
}

async fn forward(target: SocketAddr, request: &Buffered) -> Result<Response<Full<Bytes>>, Cut> {
    let stream = TcpStream::connect(target).await.map_err(|_| Cut)?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|_| Cut)?;
    tokio::spawn(connection);
    let mut outgoing = Request::builder()
        .method(request.method.clone())
        .uri(request.uri.clone());
    for (name, value) in &request.headers {
        outgoing = outgoing.header(name, value);
    }
    let outgoing = outgoing
        .body(Full::new(request.body.clone()))
        .map_err(|_| Cut)?;
    let response = sender.send_request(outgoing).await.map_err(|_| Cut)?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await.map_err(|_| Cut)?.to_bytes();
    Ok(Response::from_parts(parts, Full::new(body)))
}
