//! THE route table. Every endpoint is one line here, so the OpenAPI spec (collected from
//! these `service` calls) and the server can never disagree.

mod audit;
mod auth;
mod availability;
mod calendar;
mod call_center;
mod catalog;
mod contract_end;
pub mod downloads;
pub mod error;
pub mod extract;
mod forms;
mod health;
mod history;
mod holds;
pub mod input_guard;
mod inquiries;
mod jobs;
mod notices;
pub mod panics;
mod reports;
mod reservations;
mod schedule;
pub mod settings_trail;
mod staff;
pub mod state;
pub mod tags;

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every endpoint.
pub fn routes(config: &mut ServiceConfig) {
    config
        .service(health::healthz)
        .service(health::readyz)
        .service(
            scope::scope("/api/v1")
                .service(auth::login::login)
                .service(auth::logout::logout)
                .service(auth::me::get_me)
                .service(auth::password::change_own_password)
                .service(auth::two_factor::start_two_factor)
                .service(auth::two_factor::confirm_two_factor)
                .service(auth::step_up::step_up)
                .service(staff::list::list_staff)
                .service(staff::create::create_staff)
                .service(staff::update::update_staff)
                .service(staff::reset_password::reset_staff_password)
                .service(staff::reset_two_factor::reset_staff_two_factor)
                .service(audit::list::list_audit_events)
                .service(audit::export::export_audit_events)
                .service(calendar::list::list_calendar_days)
                .service(calendar::time::get_server_time)
                .service(call_center::status::get_call_center_status)
                .service(catalog::procedures::list_procedures)
                .service(catalog::procedures::create_procedure)
                .service(catalog::procedures::replace_procedure)
                .service(catalog::locations::list_locations)
                .service(catalog::locations::create_location)
                .service(catalog::locations::replace_location)
                .service(notices::list_notices)
                .service(notices::create_notice)
                .service(notices::replace_notice)
                .service(notices::delete_notice)
                .service(forms::list_form_fields)
                .service(forms::replace_form_fields)
                .service(schedule::booking_window::get_booking_window)
                .service(schedule::booking_window::put_booking_window)
                .service(schedule::templates::list_templates)
                .service(schedule::templates::create_template)
                .service(schedule::templates::replace_template)
                .service(schedule::templates::delete_template)
                .service(schedule::overrides::list_overrides)
                .service(schedule::overrides::put_override)
                .service(schedule::overrides::delete_override)
                .service(availability::month::get_month_availability)
                .service(availability::day::get_day_availability)
                .service(holds::create::create_hold)
                .service(holds::delete::delete_hold)
                // Fixed paths before `/reservations/{number}`, which would swallow them.
                .service(reservations::search::search_reservations)
                .service(reservations::create::create_reservation)
                .service(reservations::lookup::lookup_reservation)
                .service(reservations::export::export_reservations)
                .service(reservations::day_sheet::get_day_sheet)
                .service(reservations::get::get_reservation)
                .service(reservations::change::change_reservation)
                .service(reservations::cancel::cancel_reservation)
                .service(reservations::add_member::add_reservation_member)
                .service(reservations::remove_member::remove_reservation_member)
                .service(reservations::attendance::record_attendance)
                .service(reservations::history::get_reservation_history)
                .service(history::list::list_history)
                .service(jobs::list_job_runs)
                .service(inquiries::create::create_inquiry)
                .service(inquiries::list::list_inquiries)
                .service(reports::daily::get_daily_report)
                .service(reports::monthly::get_monthly_report)
                .service(reports::call_records::import_call_records)
                .service(contract_end::export::export_contract_end)
                .service(contract_end::purge::purge_contract_end),
        );
}
