//! Building blocks shared by pages.

pub mod calendar;
pub mod change_time;
pub mod city_problem;
pub mod download;
pub mod field_errors;
pub mod focus;
pub mod help_link;
pub mod history_table;
pub mod loading;
pub mod problem;
pub mod procedure_guide;
pub mod progress;
pub mod report_charts;
pub mod scroll_box;
pub mod staff_problem;
pub mod step_up;
