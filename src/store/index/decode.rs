//! Reading an index back: a customer's record, the portfolio-level parts; every count, date
//! and percentage checked (an index is read as untrusted bytes).

use anyhow::Context;

use super::{
    CustomerRepr, DeploymentRepr, Files, Index, Meta, ProductRepr, ServiceRepr, SubscriptionRepr,
    WorkloadRepr, count, format_of, percent, plausible_time,
};
use crate::domain::model::{
    BillingCycle, Customer, Deployment, ImportWarning, LoadedFile, PartnerDeployment,
    PartnerTotals, PartnerUsage, Portfolio, Product, RequestStatus, Service, ServiceRequest,
    Subscription, SubscriptionStatus, SubscriptionTerms, UsagePoint, Workload,
};
use crate::text::Clean;

impl Index {
    /// Decodes and checks one customer's record.
    pub(super) fn customer(&self, bytes: &[u8], strings: &[Clean]) -> anyhow::Result<Customer> {
        self.customer_with(bytes, strings, true)
    }

    /// Decodes and checks one customer's record; without `products`, the customer comes
    /// without them (they are neither built nor checked: see [`Index::lean`]).
    pub(super) fn customer_with(
        &self,
        bytes: &[u8],
        strings: &[Clean],
        products: bool,
    ) -> anyhow::Result<Customer> {
        let repr = CustomerRepr::from_record(bytes, products)?;
        let products = Self::products(&repr.products, strings)?;
        let mut c = Customer::new(
            repr.id.as_deref().map(Clean::new),
            Clean::new(&repr.name),
            products,
        );
        c.domain = repr.domain.as_deref().map(Clean::new);
        (c.support, c.subscriptions) = sidecars(repr.support, repr.subscriptions)?;
        c.graph = repr.graph.map(|mut t| {
            // The report's rows are read from the snapshot's file when needed.
            if let (Some(dir), Some(f)) = (&self.dir, &t.report_file) {
                let path = crate::text::display(&dir.join(f));
                std::sync::Arc::make_mut(&mut t).report_file = Some(path);
            }
            t
        });
        Ok(c)
    }

    /// One record's products, and the name and id of its customer (as written).
    pub(super) fn products_of(
        bytes: &[u8],
        strings: &[Clean],
    ) -> anyhow::Result<(Vec<Product>, String, Option<String>)> {
        let (products, name, id) = CustomerRepr::products_of(bytes)?;
        Ok((Self::products(&products, strings)?, name, id))
    }

    /// Builds and checks products.
    fn products(reprs: &[ProductRepr], strings: &[Clean]) -> anyhow::Result<Vec<Product>> {
        let s = |i: u32| {
            strings
                .get(i as usize)
                .cloned()
                .context("a text lies outside the index")
        };
        let service = |r: ServiceRepr| -> anyhow::Result<Service> {
            Ok(match r {
                ServiceRepr::Office365 => Service::Office365,
                ServiceRepr::Dynamics365 => Service::Dynamics365,
                ServiceRepr::Other(i) => Service::Other(s(i)?),
                ServiceRepr::Unknown => Service::Unknown,
            })
        };
        let deployment = |d: &DeploymentRepr| -> anyhow::Result<Deployment> {
            Ok(Deployment {
                sold: count(d.sold)?,
                assigned: count(d.assigned)?,
                reported_percent: percent(d.reported)?,
                as_of: plausible_time(d.as_of)?,
            })
        };
        let workload = |w: &WorkloadRepr| -> anyhow::Result<Workload> {
            Ok(Workload {
                code: w.code.map(s).transpose()?,
                name: s(w.name)?,
                active: count(w.active)?,
                qualified: count(w.qualified)?,
                reported_percent: percent(w.reported)?,
                as_of: plausible_time(w.as_of)?,
                history: exact(&w.history, |&(t, active, qualified)| {
                    Ok(UsagePoint {
                        as_of: plausible_time(Some(t))?.unwrap_or_default(),
                        active: count(active)?,
                        qualified: count(qualified)?,
                    })
                })?,
            })
        };
        let mut products = Vec::with_capacity(reprs.len());
        for p in reprs {
            let workloads = exact(&p.workloads, workload)?;
            let past_workloads = exact(&p.past_workloads, workload)?;
            products.push(Product {
                id: p.id.map(s).transpose()?,
                name: s(p.name)?,
                service: service(p.service)?,
                channel: p.channel.map(s).transpose()?,
                deployment: p.deployment.as_ref().map(deployment).transpose()?,
                workloads,
                deployment_history: exact(&p.history, deployment)?,
                past_workloads,
            });
        }
        check_sums(&products)?;
        Ok(products)
    }

    /// The portfolio-level parts (files when given, warnings, partner totals), no customers.
    pub(super) fn shell(
        &self,
        header: &Meta<'_>,
        files: Option<&Files<'_>>,
        strings: &[Clean],
    ) -> anyhow::Result<Portfolio> {
        let resolve = |name: &str| match &self.dir {
            Some(dir) => crate::text::display(&dir.join(name)),
            None => crate::text::sanitize(name),
        };
        let service = |r: ServiceRepr| match r {
            ServiceRepr::Office365 => Service::Office365,
            ServiceRepr::Dynamics365 => Service::Dynamics365,
            ServiceRepr::Other(i) => strings
                .get(i as usize)
                .cloned()
                .map_or(Service::Unknown, Service::Other),
            ServiceRepr::Unknown => Service::Unknown,
        };
        Ok(Portfolio {
            customers: Vec::new(),
            partner: PartnerTotals {
                deployment: header
                    .partner
                    .deployment
                    .iter()
                    .map(|&(sv, sold, reported, as_of)| {
                        Ok(PartnerDeployment {
                            service: service(sv),
                            sold: sold.map(count).transpose()?,
                            reported_percent: percent(reported)?,
                            as_of: plausible_time(as_of)?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
                usage: header
                    .partner
                    .usage
                    .iter()
                    .map(|&(sv, w, reported, as_of)| {
                        Ok(PartnerUsage {
                            service: service(sv),
                            workload: strings.get(w as usize).cloned().unwrap_or_default(),
                            reported_percent: percent(reported)?,
                            as_of: plausible_time(as_of)?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
            },
            files: files
                .map_or(&[][..], |f| &f.files)
                .iter()
                .map(|f| {
                    Ok(LoadedFile {
                        path: resolve(f.path),
                        format: format_of(f.format)?,
                        rows: f.rows as usize,
                        skipped: f.skipped as usize,
                        future: f.future.and_then(|(at, n, place, field, rows, counted)| {
                            Some(crate::domain::model::Dated {
                                at: super::time(Some(at))?,
                                record: (n as usize, place.to_string()),
                                field: field.to_string(),
                                rows: rows as usize,
                                counted_as: super::time(counted),
                            })
                        }),
                    })
                })
                .collect::<anyhow::Result<_>>()?,
            warnings: header
                .warnings
                .iter()
                .map(|w| ImportWarning {
                    file: if w.relative {
                        resolve(w.file)
                    } else {
                        crate::text::sanitize(w.file)
                    },
                    record: w
                        .record
                        .map(|(n, at)| (n as usize, crate::text::sanitize(at))),
                    field: w.field.map(crate::text::sanitize),
                    message: crate::text::sanitize_message(w.message),
                    severity: if w.skipped {
                        crate::domain::model::Severity::Skipped
                    } else {
                        crate::domain::model::Severity::Note
                    },
                })
                .collect(),
        })
    }
}

/// `items` mapped by `f` into a vector of exactly their number: collecting through `Result`
/// grows a vector by doubling, and a portfolio holds millions of these small vectors.
fn exact<T, U>(items: &[T], f: impl FnMut(&T) -> anyhow::Result<U>) -> anyhow::Result<Vec<U>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter().map(f) {
        out.push(item?);
    }
    Ok(out)
}

/// A customer's support requests and subscriptions.
type Sidecars = (Option<Vec<ServiceRequest>>, Option<Vec<Subscription>>);

/// A customer's support requests and subscriptions, decoded and checked.
fn sidecars(
    support: Option<Vec<(u8, Option<i64>)>>,
    subscriptions: Option<Vec<SubscriptionRepr>>,
) -> anyhow::Result<Sidecars> {
    const REQUEST: [RequestStatus; 4] = [
        RequestStatus::None,
        RequestStatus::Open,
        RequestStatus::Closed,
        RequestStatus::AttentionNeeded,
    ];
    const SUBSCRIPTION: [SubscriptionStatus; 5] = [
        SubscriptionStatus::None,
        SubscriptionStatus::Active,
        SubscriptionStatus::Pending,
        SubscriptionStatus::Suspended,
        SubscriptionStatus::Deleted,
    ];
    let support = support
        .map(|rs| {
            exact(&rs, |&(st, created)| {
                Ok(ServiceRequest {
                    status: REQUEST[usize::from(st).min(3)],
                    created: plausible_time(created)?,
                })
            })
        })
        .transpose()?;
    let subscriptions = subscriptions
        .map(|ss| {
            exact(&ss, |(offer, is_trial, st, quantity, end, terms)| {
                let (is_trial, st, quantity, end, terms) =
                    (*is_trial, *st, *quantity, *end, *terms);
                const BILLING: [BillingCycle; 4] = [
                    BillingCycle::Monthly,
                    BillingCycle::Annual,
                    BillingCycle::Triennial,
                    BillingCycle::OneTime,
                ];
                let (auto_renew, term_months, billing, reduce_until) = terms;
                Ok(Subscription {
                    offer: Clean::new(offer),
                    is_trial,
                    status: SUBSCRIPTION[usize::from(st).min(4)],
                    quantity: count(quantity)?,
                    commitment_end: plausible_time(end)?,
                    terms: SubscriptionTerms {
                        auto_renew,
                        term_months,
                        billing: billing.map(|b| BILLING[usize::from(b).min(3)]),
                        reduce_until: plausible_time(reduce_until)?,
                    },
                })
            })
        })
        .transpose()?;
    Ok((support, subscriptions))
}

/// The customer's sums must add up without overflowing (the metrics add them).
fn check_sums(products: &[Product]) -> anyhow::Result<()> {
    let mut sums = [0u64; 4];
    for p in products {
        for d in p.deployment.iter().chain(&p.deployment_history) {
            sums[0] = sums[0]
                .checked_add(d.sold)
                .context("sold licenses overflow")?;
            sums[1] = sums[1]
                .checked_add(d.assigned)
                .context("assigned licenses overflow")?;
        }
        for w in &p.workloads {
            sums[2] = sums[2]
                .checked_add(w.active)
                .context("active users overflow")?;
            sums[3] = sums[3]
                .checked_add(w.qualified)
                .context("qualified users overflow")?;
        }
    }
    Ok(())
}
