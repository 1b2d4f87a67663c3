//! The floor's typed rows, shared by the benches: what serde_json alone does with a v1
//! insights file (typed rows, owned strings).

/// One v1 insights row, as the floor parses it.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    customer_id: Option<String>,
    customer_name: Option<String>,
    product_name: Option<String>,
    service_code: Option<String>,
    service_name: Option<String>,
    channel: Option<String>,
    workload_code: Option<String>,
    workload_name: Option<String>,
    licenses_deployed: Option<u64>,
    licenses_sold: Option<u64>,
    licenses_active: Option<u64>,
    licenses_qualified: Option<u64>,
    deployment_percent: Option<f64>,
    usage_percent: Option<f64>,
    processed_date_time: Option<String>,
}

/// A v1 insights file: `{"items": [...]}`.
#[derive(serde::Deserialize)]
pub struct Collection {
    /// Read by the portfolio bench (it counts them); the e2e bench only parses.
    #[allow(dead_code)]
    pub items: Vec<Row>,
}
