//! The one implementation of [`super::Tx`], expanded for each backend: the SQL text is shared
//! (see `sql.rs`), `$sql` adapts placeholders where a backend needs it. The slot searches
//! (offers, calendar, first free slot) are planned at every execution where the backend
//! module says `PLAN_PER_EXECUTION` (PostgreSQL): how many free slots a service has in a
//! place varies by orders of magnitude, and a generic plan cached for one shape sorted
//! thousands of rows for another (a search's query: p50 2.1 ms, max 23.6 ms cached; 0.86 ms,
//! max 2.5 ms planned each time).

macro_rules! impl_tx {
    // A transaction: commit ends it.
    ($name:ident, $db:ty, $sql:path, $next_booking_id:expr) => {
        impl_tx!(
            $name,
            sqlx::Transaction<'static, $db>,
            $db,
            $sql,
            $next_booking_id,
            |tx| tx.commit().await
        );
    };
    // `$inner` derefs to the backend's connection: a transaction, or a pooled connection in
    // autocommit mode (each statement on its own; "commit" only returns it to the pool).
    ($name:ident, $inner:ty, $db:ty, $sql:path, $next_booking_id:expr, |$done:ident| $commit:expr) => {
        pub struct $name {
            pub(crate) tx: $inner,
        }

        impl $name {
            async fn exec<'q>(
                &mut self,
                query: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>>,
            ) -> $crate::store::StoreResult<u64> {
                query
                    .execute(&mut *self.tx)
                    .await
                    .map(|r| r.rows_affected())
                    .map_err($crate::store::StoreError::from_sqlx)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::Tx for $name {
            async fn commit(self: Box<Self>) -> $crate::store::StoreResult<()> {
                let $done = self.tx;
                let result: Result<(), sqlx::Error> = $commit;
                result.map_err($crate::store::StoreError::from_sqlx)
            }

            async fn citizen_by_cf(&mut self, cf: &str) -> StoreResult<Option<CitizenRow>> {
                let q = $sql(sql::CITIZEN_BY_CF);
                Ok(sqlx::query_as(&q)
                    .bind(cf)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn citizen_by_id(&mut self, id: i64) -> StoreResult<Option<CitizenRow>> {
                let q = $sql(sql::CITIZEN_BY_ID);
                Ok(sqlx::query_as(&q)
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn prescription_by_nre(
                &mut self,
                nre: &str,
            ) -> StoreResult<Option<PrescriptionRow>> {
                let q = $sql(sql::PRESCRIPTION_BY_NRE);
                Ok(sqlx::query_as(&q)
                    .bind(nre)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn prescription_by_id(
                &mut self,
                id: i64,
            ) -> StoreResult<Option<PrescriptionRow>> {
                let q = $sql(sql::PRESCRIPTION_BY_ID);
                Ok(sqlx::query_as(&q)
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn prescription_items(
                &mut self,
                prescription_id: i64,
            ) -> StoreResult<Vec<ItemRow>> {
                let q = $sql(sql::ITEMS_OF_PRESCRIPTION);
                Ok(sqlx::query_as(&q)
                    .bind(prescription_id)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn throttle_get(&mut self, key: &str) -> StoreResult<Option<ThrottleRow>> {
                let q = $sql(sql::THROTTLE_GET);
                Ok(sqlx::query_as(&q)
                    .bind(key)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn throttle_charge_two(
                &mut self,
                keys: [&str; 2],
                now: i64,
                window: i64,
            ) -> StoreResult<Vec<ThrottleRow>> {
                let q = $sql(sql::THROTTLE_CHARGE_TWO);
                Ok(sqlx::query_as(&q)
                    .bind(keys[0])
                    .bind(keys[1])
                    .bind(now)
                    .bind(window)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn throttle_charge_one(
                &mut self,
                key: &str,
                now: i64,
                window: i64,
            ) -> StoreResult<ThrottleRow> {
                let q = $sql(sql::THROTTLE_CHARGE_ONE);
                Ok(sqlx::query_as(&q)
                    .bind(key)
                    .bind(now)
                    .bind(window)
                    .fetch_one(&mut *self.tx)
                    .await?)
            }

            async fn throttle_lock(&mut self, key: &str, until: i64, now: i64) -> StoreResult<()> {
                let q = $sql(sql::THROTTLE_LOCK);
                self.exec(sqlx::query(&q).bind(key).bind(until).bind(now))
                    .await?;
                Ok(())
            }

            async fn throttle_uncount_two(&mut self, keys: [&str; 2], now: i64) -> StoreResult<()> {
                let q = $sql(sql::THROTTLE_UNCOUNT_TWO);
                self.exec(sqlx::query(&q).bind(keys[0]).bind(keys[1]).bind(now))
                    .await?;
                Ok(())
            }

            async fn throttle_success(
                &mut self,
                pair: &str,
                identity: &str,
                now: i64,
            ) -> StoreResult<()> {
                let q = $sql(sql::THROTTLE_SUCCESS_DELETE);
                self.exec(sqlx::query(&q).bind(pair).bind(identity).bind(now))
                    .await?;
                let q = $sql(sql::THROTTLE_SUCCESS_UNCOUNT);
                self.exec(sqlx::query(&q).bind(identity)).await?;
                Ok(())
            }

            async fn session_insert(&mut self, s: &NewSession) -> StoreResult<i64> {
                let q = $sql(sql::SESSION_INSERT);
                sqlx::query_scalar(&q)
                    .bind(&s.token_hash)
                    .bind(s.citizen_id)
                    .bind(s.kind)
                    .bind(s.prescription_id)
                    .bind(s.channel)
                    .bind(s.created_at)
                    .bind(s.expires_at)
                    .fetch_one(&mut *self.tx)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn session_by_hash(
                &mut self,
                hash: &str,
                now: i64,
            ) -> StoreResult<Option<SessionRow>> {
                let q = $sql(sql::SESSION_BY_HASH);
                Ok(sqlx::query_as(&q)
                    .bind(hash)
                    .bind(now)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn session_touch(
                &mut self,
                id: i64,
                expires_at: i64,
                max_lifetime: i64,
            ) -> StoreResult<()> {
                let q = $sql(sql::SESSION_TOUCH);
                self.exec(sqlx::query(&q).bind(id).bind(expires_at).bind(max_lifetime))
                    .await?;
                Ok(())
            }

            async fn session_revoke(&mut self, id: i64, now: i64) -> StoreResult<bool> {
                let q = $sql(sql::SESSION_REVOKE);
                Ok(self.exec(sqlx::query(&q).bind(id).bind(now)).await? == 1)
            }

            async fn asls(&mut self) -> StoreResult<Vec<AslRow>> {
                let q = $sql(sql::ASLS);
                Ok(sqlx::query_as(&q).fetch_all(&mut *self.tx).await?)
            }

            async fn zones(&mut self) -> StoreResult<Vec<ZoneRow>> {
                let q = $sql(sql::ZONES);
                Ok(sqlx::query_as(&q).fetch_all(&mut *self.tx).await?)
            }

            async fn facilities(&mut self, zone_id: Option<i64>) -> StoreResult<Vec<FacilityRow>> {
                Ok(match zone_id {
                    Some(zone) => {
                        let q = $sql(sql::FACILITIES_OF_ZONE);
                        sqlx::query_as(&q)
                            .bind(zone)
                            .fetch_all(&mut *self.tx)
                            .await?
                    }
                    None => {
                        let q = $sql(sql::FACILITIES_ALL);
                        sqlx::query_as(&q).fetch_all(&mut *self.tx).await?
                    }
                })
            }

            async fn services(&mut self, query: &str, limit: i64) -> StoreResult<Vec<ServiceRow>> {
                let q = $sql(sql::SERVICES_MATCHING);
                let pattern = format!("%{}%", query.replace('%', "").replace('_', ""));
                Ok(sqlx::query_as(&q)
                    .bind(query)
                    .bind(pattern)
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn search_slots(&mut self, s: &SlotSearch) -> StoreResult<Vec<OfferRow>> {
                let (text, area) = match s.scope {
                    Scope::Zone(id) => (sql::SEARCH_ZONE, id),
                    Scope::Asl(id) => (sql::SEARCH_ASL, id),
                    Scope::Region => (sql::SEARCH_REGION, 0),
                };
                let q = $sql(text);
                Ok(sqlx::query_as(&q)
                    .bind(s.service_id)
                    .bind(s.from)
                    .bind(s.to)
                    .bind(s.now)
                    .bind(s.limit)
                    .bind(area)
                    .bind(s.facility_id.unwrap_or(0))
                    .persistent(!PLAN_PER_EXECUTION)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn calendar(
                &mut self,
                service_id: i64,
                scope: Scope,
                from: i64,
                to: i64,
                now: i64,
            ) -> StoreResult<Vec<(i64, i64)>> {
                let (text, area) = match scope {
                    Scope::Zone(id) => (sql::CALENDAR_ZONE, id),
                    Scope::Asl(id) => (sql::CALENDAR_ASL, id),
                    Scope::Region => (sql::CALENDAR_REGION, 0),
                };
                let q = $sql(text);
                Ok(sqlx::query_as(&q)
                    .bind(service_id)
                    .bind(from)
                    .bind(to)
                    .bind(now)
                    .bind(area)
                    .persistent(!PLAN_PER_EXECUTION)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn offer_by_slot(&mut self, slot_id: i64) -> StoreResult<Option<OfferRow>> {
                let q = $sql(sql::OFFER_BY_SLOT);
                Ok(sqlx::query_as(&q)
                    .bind(slot_id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn first_free_slot_in_zone(
                &mut self,
                service_id: i64,
                zone_id: i64,
                now: i64,
            ) -> StoreResult<Option<i64>> {
                let q = $sql(sql::FIRST_FREE_SLOT_IN_ZONE);
                Ok(sqlx::query_scalar(&q)
                    .bind(service_id)
                    .bind(zone_id)
                    .bind(now)
                    .persistent(!PLAN_PER_EXECUTION)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn release_line_holds(
                &mut self,
                prescription_id: i64,
                line: i64,
            ) -> StoreResult<()> {
                let q = $sql(sql::HOLDS_RELEASE_SLOTS_OF_LINE);
                self.exec(sqlx::query(&q).bind(prescription_id).bind(line))
                    .await?;
                let q = $sql(sql::HOLDS_RELEASE_LINE);
                self.exec(sqlx::query(&q).bind(prescription_id).bind(line))
                    .await?;
                Ok(())
            }

            async fn hold_insert(&mut self, h: &NewHold) -> StoreResult<i64> {
                let q = $sql(sql::HOLD_INSERT);
                sqlx::query_scalar(&q)
                    .bind(h.session_id)
                    .bind(h.citizen_id)
                    .bind(h.prescription_id)
                    .bind(h.line)
                    .bind(h.slot_id)
                    .bind(h.first_offer_slot_id)
                    .bind(h.created_at)
                    .bind(h.expires_at)
                    .fetch_one(&mut *self.tx)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn slot_take_for_hold(
                &mut self,
                slot_id: i64,
                service_id: i64,
                hold_id: i64,
                until: i64,
                now: i64,
            ) -> StoreResult<bool> {
                let q = $sql(sql::SLOT_TAKE_FOR_HOLD);
                let n = self
                    .exec(
                        sqlx::query(&q)
                            .bind(slot_id)
                            .bind(hold_id)
                            .bind(until)
                            .bind(now)
                            .bind(service_id),
                    )
                    .await?;
                Ok(n == 1)
            }

            async fn hold_by_id(&mut self, id: i64) -> StoreResult<Option<HoldRow>> {
                let q = $sql(sql::HOLD_BY_ID);
                Ok(sqlx::query_as(&q)
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn hold_extend(&mut self, id: i64, until: i64, now: i64) -> StoreResult<bool> {
                let q = $sql(sql::HOLD_EXTEND);
                if self
                    .exec(sqlx::query(&q).bind(id).bind(until).bind(now))
                    .await?
                    != 1
                {
                    return Ok(false);
                }
                let q = $sql(sql::SLOT_EXTEND_HOLD);
                Ok(self.exec(sqlx::query(&q).bind(id).bind(until)).await? == 1)
            }

            async fn hold_release(&mut self, id: i64) -> StoreResult<bool> {
                let q = $sql(sql::SLOT_RELEASE_HOLD);
                self.exec(sqlx::query(&q).bind(id)).await?;
                let q = $sql(sql::HOLD_RELEASE);
                Ok(self.exec(sqlx::query(&q).bind(id)).await? == 1)
            }

            async fn hold_mark_used(&mut self, id: i64) -> StoreResult<bool> {
                let q = $sql(sql::HOLD_MARK_USED);
                Ok(self.exec(sqlx::query(&q).bind(id)).await? == 1)
            }

            async fn next_booking_id(&mut self) -> StoreResult<i64> {
                Ok(sqlx::query_scalar($next_booking_id)
                    .fetch_one(&mut *self.tx)
                    .await?)
            }

            async fn booking_insert(&mut self, b: &NewBooking) -> StoreResult<()> {
                let q = $sql(sql::BOOKING_INSERT);
                sqlx::query(&q)
                    .bind(&b.cup_number)
                    .bind(&b.pin)
                    .bind(&b.notice_number)
                    .bind(b.citizen_id)
                    .bind(b.prescription_id)
                    .bind(b.line)
                    .bind(b.slot_id)
                    .bind(b.ticket_cents)
                    .bind(b.guarantee)
                    .bind(b.phone.as_deref())
                    .bind(b.channel)
                    .bind(b.created_at)
                    .bind(b.moved_from)
                    .bind(b.id)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn slot_take_for_booking(
                &mut self,
                slot_id: i64,
                hold_id: i64,
                booking_id: i64,
                now: i64,
            ) -> StoreResult<bool> {
                let q = $sql(sql::SLOT_TAKE_FOR_BOOKING);
                let n = self
                    .exec(
                        sqlx::query(&q)
                            .bind(slot_id)
                            .bind(hold_id)
                            .bind(booking_id)
                            .bind(now),
                    )
                    .await?;
                Ok(n == 1)
            }

            async fn slot_set_booking(
                &mut self,
                slot_id: i64,
                booking_id: i64,
                now: i64,
            ) -> StoreResult<bool> {
                let q = $sql(sql::SLOT_SET_BOOKING);
                Ok(self
                    .exec(sqlx::query(&q).bind(slot_id).bind(booking_id).bind(now))
                    .await?
                    == 1)
            }

            async fn slot_free_booking(
                &mut self,
                slot_id: i64,
                booking_id: i64,
            ) -> StoreResult<bool> {
                let q = $sql(sql::SLOT_FREE_BOOKING);
                Ok(self
                    .exec(sqlx::query(&q).bind(slot_id).bind(booking_id))
                    .await?
                    == 1)
            }

            async fn booking_set_status(
                &mut self,
                id: i64,
                from: &str,
                to: &str,
                now: i64,
                cancelled_at: Option<i64>,
                malum_owed: bool,
            ) -> StoreResult<bool> {
                let q = $sql(sql::BOOKING_SET_STATUS);
                let n = self
                    .exec(
                        sqlx::query(&q)
                            .bind(id)
                            .bind(from)
                            .bind(to)
                            .bind(now)
                            .bind(cancelled_at)
                            .bind(i64::from(malum_owed)),
                    )
                    .await?;
                Ok(n == 1)
            }

            async fn booking_set_moved_to(&mut self, id: i64, moved_to: i64) -> StoreResult<()> {
                let q = $sql(sql::BOOKING_SET_MOVED_TO);
                self.exec(sqlx::query(&q).bind(id).bind(moved_to)).await?;
                Ok(())
            }

            async fn bookings(
                &mut self,
                citizen_id: i64,
                filter: &BookingFilter,
            ) -> StoreResult<Vec<BookingRow>> {
                let rows = match filter {
                    BookingFilter::Id(id) => {
                        let q = $sql(sql::BOOKING_BY_ID);
                        sqlx::query_as(&q)
                            .bind(citizen_id)
                            .bind(*id)
                            .fetch_all(&mut *self.tx)
                            .await?
                    }
                    BookingFilter::CupNumber(v) | BookingFilter::Pin(v) | BookingFilter::Nre(v) => {
                        let text = match filter {
                            BookingFilter::CupNumber(_) => sql::BOOKING_BY_CUP,
                            BookingFilter::Pin(_) => sql::BOOKING_BY_PIN,
                            _ => sql::BOOKING_BY_NRE,
                        };
                        let q = $sql(text);
                        sqlx::query_as(&q)
                            .bind(citizen_id)
                            .bind(v.as_str())
                            .fetch_all(&mut *self.tx)
                            .await?
                    }
                    BookingFilter::All => {
                        let q = $sql(sql::BOOKINGS_OF_CITIZEN);
                        sqlx::query_as(&q)
                            .bind(citizen_id)
                            .bind(0_i64)
                            .fetch_all(&mut *self.tx)
                            .await?
                    }
                };
                Ok(rows)
            }

            async fn sms_enqueue(
                &mut self,
                booking_id: i64,
                phone: &str,
                body: &str,
                now: i64,
            ) -> StoreResult<()> {
                let q = $sql(sql::SMS_ENQUEUE);
                self.exec(
                    sqlx::query(&q)
                        .bind(booking_id)
                        .bind(phone)
                        .bind(body)
                        .bind(now),
                )
                .await?;
                Ok(())
            }

            async fn sms_claim(
                &mut self,
                now: i64,
                until: i64,
                limit: i64,
            ) -> StoreResult<Vec<SmsRow>> {
                let q = $sql(sql::SMS_CLAIM);
                let mut rows: Vec<SmsRow> = sqlx::query_as(&q)
                    .bind(now)
                    .bind(until)
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.sort_by_key(|r| r.id);
                Ok(rows)
            }

            async fn sms_mark_sent(&mut self, id: i64, now: i64) -> StoreResult<()> {
                let q = $sql(sql::SMS_MARK_SENT);
                self.exec(sqlx::query(&q).bind(id).bind(now)).await?;
                Ok(())
            }

            async fn sms_mark_failed(&mut self, id: i64) -> StoreResult<()> {
                let q = $sql(sql::SMS_MARK_FAILED);
                self.exec(sqlx::query(&q).bind(id)).await?;
                Ok(())
            }

            async fn sms_of_booking(&mut self, booking_id: i64) -> StoreResult<Vec<SmsRow>> {
                let q = $sql(sql::SMS_OF_BOOKING);
                Ok(sqlx::query_as(&q)
                    .bind(booking_id)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn audit(&mut self, e: &AuditEntry) -> StoreResult<()> {
                let q = $sql(sql::AUDIT_INSERT);
                self.exec(
                    sqlx::query(&q)
                        .bind(e.at)
                        .bind(e.channel)
                        .bind(e.actor.as_str())
                        .bind(e.citizen_id)
                        .bind(e.action)
                        .bind(e.object.as_str())
                        .bind(e.outcome)
                        .bind(e.address.as_deref()),
                )
                .await?;
                Ok(())
            }

            async fn stats(&mut self, from: i64, to: i64) -> StoreResult<Vec<StatRow>> {
                let q = $sql(sql::STATS);
                Ok(sqlx::query_as(&q)
                    .bind(from)
                    .bind(to)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn idempotency_insert(
                &mut self,
                scope: &str,
                key: &str,
                hash: &str,
                now: i64,
            ) -> StoreResult<bool> {
                let q = $sql(sql::IDEMPOTENCY_INSERT);
                Ok(self
                    .exec(sqlx::query(&q).bind(scope).bind(key).bind(hash).bind(now))
                    .await?
                    == 1)
            }

            async fn idempotency_get(
                &mut self,
                scope: &str,
                key: &str,
            ) -> StoreResult<Option<IdempotencyRow>> {
                let q = $sql(sql::IDEMPOTENCY_GET);
                Ok(sqlx::query_as(&q)
                    .bind(scope)
                    .bind(key)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn idempotency_take_over(
                &mut self,
                scope: &str,
                key: &str,
                now: i64,
                stale_before: i64,
            ) -> StoreResult<bool> {
                let q = $sql(sql::IDEMPOTENCY_TAKE_OVER);
                Ok(self
                    .exec(
                        sqlx::query(&q)
                            .bind(scope)
                            .bind(key)
                            .bind(now)
                            .bind(stale_before),
                    )
                    .await?
                    == 1)
            }

            async fn idempotency_finish(
                &mut self,
                scope: &str,
                key: &str,
                status: i64,
                body: &str,
            ) -> StoreResult<()> {
                let q = $sql(sql::IDEMPOTENCY_FINISH);
                self.exec(
                    sqlx::query(&q)
                        .bind(scope)
                        .bind(key)
                        .bind(status)
                        .bind(body),
                )
                .await?;
                Ok(())
            }

            async fn idempotency_delete(&mut self, scope: &str, key: &str) -> StoreResult<()> {
                let q = $sql(sql::IDEMPOTENCY_DELETE);
                self.exec(sqlx::query(&q).bind(scope).bind(key)).await?;
                Ok(())
            }

            async fn idempotency_renew(
                &mut self,
                scope: &str,
                key: &str,
                request_hash: &str,
                now: i64,
                older_than: i64,
            ) -> StoreResult<bool> {
                let q = $sql(sql::IDEMPOTENCY_RENEW);
                Ok(self
                    .exec(
                        sqlx::query(&q)
                            .bind(scope)
                            .bind(key)
                            .bind(request_hash)
                            .bind(now)
                            .bind(older_than),
                    )
                    .await?
                    == 1)
            }

            async fn idempotency_purge(&mut self, older_than: i64) -> StoreResult<u64> {
                let q = $sql(sql::IDEMPOTENCY_PURGE);
                self.exec(sqlx::query(&q).bind(older_than)).await
            }
        }
    };
}

pub(crate) use impl_tx;
