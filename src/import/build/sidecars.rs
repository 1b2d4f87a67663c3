//! What the sidecars give a customer: its service requests and subscriptions, by customer id.

use super::{Bad, Builder, SidecarKind};

impl Builder {
    /// A sidecar holds a (maybe empty) collection for this customer: zero requests is data.
    pub(in crate::import) fn sidecar_customer(&mut self, kind: SidecarKind, id: &str) {
        match kind {
            SidecarKind::Request => {
                self.support.entry(id.to_string()).or_default();
            }
            SidecarKind::Subscription => {
                self.subscriptions.entry(id.to_string()).or_default();
            }
        }
    }

    pub(in crate::import) fn add_request(
        &mut self,
        id: &str,
        r: crate::domain::model::ServiceRequest,
    ) -> Result<(), Bad> {
        self.support.entry(id.to_string()).or_default().push(r);
        Ok(())
    }

    pub(in crate::import) fn add_subscription(
        &mut self,
        id: &str,
        s: crate::domain::model::Subscription,
    ) -> Result<(), Bad> {
        self.subscriptions
            .entry(id.to_string())
            .or_default()
            .push(s);
        Ok(())
    }
}
