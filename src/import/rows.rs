//! Partner Center analytics rows (what the JSON reader walks) into the [`Builder`]: which
//! kind of record a row is, its counts, dates and percentages, checked field by field.

use crate::domain::model::{
    Deployment, Format, PartnerDeployment, PartnerUsage, Service, Severity, Timestamp, Workload,
};
use crate::text::{Clean, sanitize};

use super::build::{Bad, Builder, CustomerRef, ProductRef, bad};
use super::date;
use super::json::{RawRow, RowPos, RowSink, Scalar};

enum Kind {
    Deployment,
    Usage,
    PartnerDeployment,
    PartnerUsage,
}

impl Builder {
    fn accept(&mut self, pos: RowPos, row: &RawRow<'_>) -> Result<(), Bad> {
        let kind = match classify(row) {
            Ok(kind) => kind,
            Err(object_type) => {
                let message = match &object_type {
                    Some(t) => format!("objectType {t} is not a license insights record"),
                    None => "neither deployment counts (licensesSold, licensesDeployed) nor usage counts (licensesActive, licensesQualified)".into(),
                };
                self.foreign(object_type.unwrap_or_else(|| "none".into()));
                return Err(bad("attributes.objectType", message));
            }
        };
        let as_of = self.processed_date(pos, row);
        let service = service_of(row)?;
        match kind {
            Kind::PartnerDeployment => {
                let sold = row
                    .licenses_sold
                    .count()
                    .map_err(|m| bad("licensesSold", m))?;
                let reported_percent = self.reported(
                    pos,
                    &row.prorated_deployment_percent,
                    "proratedDeploymentPercent",
                );
                self.partner_deployment(PartnerDeployment {
                    service,
                    sold,
                    reported_percent,
                    as_of,
                });
            }
            Kind::PartnerUsage => {
                let workload = text(&row.workload_name, "workloadName")?
                    .or(text(&row.workload_code, "workloadCode")?)
                    .ok_or_else(|| bad("workloadName", "missing"))?;
                let reported_percent = self.reported(
                    pos,
                    &row.prorated_usage_percent,
                    "proratedLicensesUsagePercent",
                );
                self.partner_usage(PartnerUsage {
                    service,
                    workload: Clean::new(&workload),
                    reported_percent,
                    as_of,
                });
            }
            Kind::Deployment => {
                let sold = required_count(&row.licenses_sold, "licensesSold")?;
                let assigned = required_count(&row.licenses_deployed, "licensesDeployed")?;
                let reported_percent =
                    self.reported(pos, &row.deployment_percent, "deploymentPercent");
                let deployment = Deployment {
                    sold,
                    assigned,
                    reported_percent,
                    as_of,
                };
                let at = self.product(row, service, as_of)?;
                self.deployment(&pos, at, deployment);
            }
            Kind::Usage => {
                let active_field = if row.active_field.is_empty() {
                    "licensesActive"
                } else {
                    row.active_field
                };
                let active = required_count(&row.licenses_active, active_field)?;
                let qualified = required_count(&row.licenses_qualified, "licensesQualified")?;
                let code = text(&row.workload_code, "workloadCode")?;
                let name = text(&row.workload_name, "workloadName")?
                    .or_else(|| code.clone())
                    .ok_or_else(|| bad("workloadName", "missing (and no workloadCode)"))?;
                let reported_percent = self.reported(pos, &row.usage_percent, "usagePercent");
                let workload = Workload {
                    code: code.as_deref().map(|c| self.intern(c)),
                    name: self.intern(&name),
                    active,
                    qualified,
                    reported_percent,
                    as_of,
                    history: Vec::new(),
                };
                let at = self.product(row, service, as_of)?;
                self.usage(&pos, at, workload);
            }
        }
        Ok(())
    }

    /// The record's (customer, product); the customer takes the record's name when the record
    /// (dated `as_of`) is newer than the one its name is from.
    fn product(
        &mut self,
        row: &RawRow<'_>,
        service: Service,
        as_of: Option<Timestamp>,
    ) -> Result<(usize, usize), Bad> {
        let id = text(&row.customer_id, "customerId")?
            .or(text(&row.customer_tenant_id, "customerTenantId")?);
        let name = text(&row.customer_name, "customerName")?;
        let raw_product =
            text(&row.product_name, "productName")?.ok_or_else(|| bad("productName", "missing"))?;
        let product_id = text(&row.product_id, "productId")?;
        let channel = text(&row.channel, "channel")?;
        let at = self.product_of(
            CustomerRef {
                id: id.as_deref(),
                name: name.as_deref(),
            },
            ProductRef {
                name: &raw_product,
                id: product_id.as_deref(),
                channel: channel.as_deref(),
                service,
            },
        )?;
        self.name_as_of(at.0, name.as_deref(), as_of);
        Ok(at)
    }

    fn processed_date(&mut self, pos: RowPos, row: &RawRow<'_>) -> Option<Timestamp> {
        let raw = match row.processed.text() {
            Ok(Some(raw)) => raw,
            Ok(None) => {
                self.warn(
                    &pos,
                    Some("processedDateTime"),
                    "missing; the age of this record is unknown".into(),
                    Severity::Note,
                );
                return None;
            }
            Err(m) => {
                self.warn(&pos, Some("processedDateTime"), m, Severity::Note);
                return None;
            }
        };
        let parsed = date::parse(&raw).unwrap_or_else(|m| {
            self.warn(&pos, Some("processedDateTime"), m, Severity::Note);
            None
        });
        match parsed {
            // Year 1 is the export's "no date" sentinel.
            None if date::parse(&raw).is_ok() => {
                self.warn(
                    &pos,
                    Some("processedDateTime"),
                    format!(
                        "{} means no date; the age of this record is unknown",
                        crate::text::quote(&raw)
                    ),
                    Severity::Note,
                );
                None
            }
            // Partner Center's insights began long after 2000: an older date is a typo.
            Some(t) if t < date::EARLIEST => {
                self.warn(
                    &pos,
                    Some("processedDateTime"),
                    format!(
                        "{} is before 2000, not a plausible processed date; read as unknown",
                        crate::text::quote(&raw)
                    ),
                    Severity::Note,
                );
                None
            }
            Some(t) => {
                self.record_date(t, &pos, "processedDateTime");
                Some(t)
            }
            None => None,
        }
    }

    fn reported(&mut self, pos: RowPos, value: &Scalar<'_>, field: &str) -> Option<f64> {
        value.float().unwrap_or_else(|m| {
            self.warn(
                &pos,
                Some(field),
                format!("{m} (ignored: uptake computes percentages from the counts)"),
                Severity::Note,
            );
            None
        })
    }
}

impl RowSink for Builder {
    fn envelope(&mut self, format: Format) {
        self.set_format(format);
    }

    fn row(&mut self, pos: RowPos, row: RawRow<'_>) {
        self.set_format(Format::JsonRows);
        // The processed date is text of the file itself: it tells how far the parse is.
        let at = match &row.processed {
            super::json::Scalar::Str(std::borrow::Cow::Borrowed(s)) => Some(*s),
            _ => None,
        };
        self.cursor.record_at(at);
        self.record(&pos, |b| b.accept(pos, &row));
    }

    fn keep_going(&self) -> bool {
        self.cursor.keep_going()
    }

    fn not_an_object(&mut self, pos: RowPos, found: &'static str) {
        self.unreadable(&pos, format!("expected a record object, found {found}"));
    }
}

/// What a record is: by `attributes.objectType` when present, else by its fields.
/// `Err(Some(type))`: a record of another resource; `Err(None)`: no known counts.
fn classify(row: &RawRow<'_>) -> Result<Kind, Option<String>> {
    if let Some(t) = &row.object_type {
        return match t.to_ascii_lowercase().as_str() {
            "customerlicensesdeploymentinsights" => Ok(Kind::Deployment),
            "customerlicensesusageinsights" => Ok(Kind::Usage),
            "partnerlicensesdeploymentinsights" => Ok(Kind::PartnerDeployment),
            "partnerlicensesusageinsights" => Ok(Kind::PartnerUsage),
            _ => Err(Some(sanitize(t))),
        };
    }
    let no_customer = row.customer_id.is_null()
        && row.customer_tenant_id.is_null()
        && row.customer_name.is_null();
    if !row.prorated_deployment_percent.is_null() || (no_customer && !row.licenses_sold.is_null()) {
        Ok(Kind::PartnerDeployment)
    } else if !row.prorated_usage_percent.is_null() {
        Ok(Kind::PartnerUsage)
    } else if !row.licenses_sold.is_null() || !row.licenses_deployed.is_null() {
        Ok(Kind::Deployment)
    } else if !row.licenses_active.is_null() || !row.licenses_qualified.is_null() {
        Ok(Kind::Usage)
    } else {
        Err(None)
    }
}

fn service_of(row: &RawRow<'_>) -> Result<Service, Bad> {
    let code = text(&row.service_code, "serviceCode")?;
    let name = text(&row.service_name, "serviceName")?;
    Ok(code
        .or(name)
        .map_or(Service::Unknown, |s| Service::parse(&s)))
}

fn text<'a>(
    value: &'a Scalar<'_>,
    field: &'static str,
) -> Result<Option<std::borrow::Cow<'a, str>>, Bad> {
    value.text().map_err(|m| bad(field, m))
}

fn required_count(value: &Scalar<'_>, field: &'static str) -> Result<u64, Bad> {
    value
        .count()
        .map_err(|m| bad(field, m))?
        .ok_or_else(|| bad(field, "missing"))
}
