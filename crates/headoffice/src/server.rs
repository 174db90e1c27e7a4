//! The HTTP API (see `doorstep_sync` for the wire) and the loop that serves it, over TLS or,
//! behind a TLS-terminating load balancer or for the fault-injection tests, plain HTTP.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::Request;
use axum::routing::{get, post};
use axum::{Json, Router};
use doorstep_sync::{
    AccountSnapshot, CaseloadPage, DeviceStatus, EnrolRequest, EnrolResponse, Officer,
    UploadRequest, UploadResponse, UPLOAD_BATCH_MAX,
};
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde::Deserialize;
use tokio::net::TcpListener;

use crate::auth::Device;
use crate::db::Db;
use crate::error::Error;
use crate::{caseload, enrol, intake};

/// A TLS handshake that takes longer than this is dropped, so a slow client holds nothing.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// 500 commands with their payloads fit well inside this.
const BODY_LIMIT_BYTES: usize = 32 * 1024 * 1024;
/// How long a stopping server waits for the requests it is answering.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug)]
struct ClientAddress(SocketAddr);

pub fn router(db: Db) -> Router {
    Router::new()
        .route("/v1/enrol", post(enrol_device))
        .route("/v1/commands", post(upload))
        .route("/v1/caseload", get(caseload_page))
        .route("/v1/accounts/{payment_reference}", get(one_account))
        .route("/v1/device", get(device_status))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .with_state(db)
}

async fn enrol_device(
    State(db): State<Db>,
    request: Request<axum::body::Body>,
) -> Result<Json<EnrolResponse>, Error> {
    let source = request
        .extensions()
        .get::<ClientAddress>()
        .map(|address| address.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let body = axum::body::to_bytes(request.into_body(), BODY_LIMIT_BYTES)
        .await
        .map_err(|_| Error::BadRequest("the enrolment request could not be read".into()))?;
    let enrolment: EnrolRequest = serde_json::from_slice(&body).map_err(|error| {
        Error::BadRequest(format!("the enrolment request is not valid: {error}"))
    })?;
    Ok(Json(
        to_completion(async move { enrol::enrol(&db, &source, &enrolment).await }).await?,
    ))
}

async fn upload(
    State(db): State<Db>,
    device: Device,
    body: axum::body::Bytes,
) -> Result<Json<UploadResponse>, Error> {
    let request: UploadRequest = serde_json::from_slice(&body)
        .map_err(|error| Error::BadRequest(format!("the upload is not valid: {error}")))?;
    if request.commands.len() > UPLOAD_BATCH_MAX {
        return Err(Error::BadRequest(format!(
            "send at most {UPLOAD_BATCH_MAX} commands at once"
        )));
    }
    let results =
        to_completion(async move { intake::apply_batch(&db, &device, &request.commands).await })
            .await?;
    Ok(Json(UploadResponse { results }))
}

#[derive(Deserialize)]
struct PageQuery {
    #[serde(default)]
    after: i64,
    #[serde(default = "default_limit")]
    limit: u32,
}

fn default_limit() -> u32 {
    doorstep_sync::PAGE_LIMIT_MAX
}

async fn caseload_page(
    State(db): State<Db>,
    device: Device,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<CaseloadPage>, Error> {
    let Query(query) = query.map_err(|error| Error::BadRequest(error.body_text()))?;
    Ok(Json(
        caseload::page(&db, &device, query.after, query.limit).await?,
    ))
}

async fn one_account(
    State(db): State<Db>,
    device: Device,
    Path(payment_reference): Path<String>,
) -> Result<Json<AccountSnapshot>, Error> {
    Ok(Json(
        caseload::account(&db, &device, &payment_reference).await?,
    ))
}

async fn device_status(device: Device) -> Json<DeviceStatus> {
    Json(DeviceStatus {
        device_id: device.id,
        officer: Officer {
            id: device.officer_id,
            name: device.officer_name,
        },
    })
}

/// Runs a request's database work to its end even if the device hangs up (a laptop closed
/// mid-upload drops the request): a transaction cut off between two statements would hold
/// the write lock until its connection happened to be reused.
async fn to_completion<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T, Error>> + Send + 'static,
) -> Result<T, Error> {
    tokio::spawn(work)
        .await
        .map_err(|error| Error::Unavailable(format!("a request's work stopped: {error}")))?
}

/// Serves until `shutdown` completes. With `tls`, every connection is TLS.
pub async fn serve(
    db: Db,
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), Error> {
    let router = router(db);
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    // Owned here, so that if this future is dropped (a kill) every connection goes with it,
    // mid-request, as in a crash.
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        let (stream, address) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => {
                // Requests in flight are answered; then the connections close.
                let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
                    while connections.join_next().await.is_some() {}
                })
                .await;
                return Ok(());
            }
        };
        let router = router.clone();
        let acceptor = acceptor.clone();
        connections.spawn(async move {
            let service =
                hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ClientAddress(address));
                    let mut router = router.clone();
                    async move {
                        tower_service::Service::call(
                            &mut router,
                            request.map(axum::body::Body::new),
                        )
                        .await
                    }
                });
            let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            match acceptor {
                Some(acceptor) => {
                    let Ok(Ok(stream)) =
                        tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await
                    else {
                        return;
                    };
                    let _ = builder
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                }
                None => {
                    let _ = builder
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                }
            }
        });
    }
}
