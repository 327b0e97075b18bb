//! `/staff/catalog`: what citizens can book and what the form asks (R5.1, R5.4, R7.4-ケ):
//! procedures (names, 持参物, 留意事項, seats per person, bookable), locations, and the
//! contact fields of the booking form (add, reorder with buttons, require or drop).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use madoguchi_shared::dto::catalog::{Location, LocationInput, Procedure, ProcedureInput};
use madoguchi_shared::dto::form::{FieldKind, FormField};
use madoguchi_shared::error::FieldError;
use madoguchi_shared::validate::catalog::{validate_location, validate_procedure};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::{ApiError, staff as api};
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{
    FieldErrors, LabelledCheckbox, LabelledInput, LabelledTextarea,
};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

fn number(field: &str, text: &str, wrong: &mut Vec<FieldError>) -> i32 {
    text.trim().parse::<i32>().unwrap_or_else(|_| {
        wrong.push(FieldError::new(
            field,
            "invalid_format",
            "must be a whole number",
        ));
        0
    })
}

/// The state of one catalog section (procedures or locations) and its round trips: the list
/// with the inactive ones, the row being edited, and saving it as new (`POST`) or in place
/// (`PUT`), then reloading.
struct CatalogEditor<T: Send + Sync + 'static, D: Send + Sync + 'static> {
    collection: &'static str,
    lang: RwSignal<Lang>,
    items: RwSignal<Vec<T>>,
    error: RwSignal<Option<ApiError>>,
    errors: FieldErrors,
    editing: RwSignal<Option<D>>,
    busy: RwSignal<bool>,
}

impl<T: Send + Sync + 'static, D: Send + Sync + 'static> Clone for CatalogEditor<T, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static, D: Send + Sync + 'static> Copy for CatalogEditor<T, D> {}

impl<T, D> CatalogEditor<T, D>
where
    T: DeserializeOwned + Send + Sync + 'static,
    D: Clone + Send + Sync + 'static,
{
    /// Loads the list of `collection` (e.g. `/api/v1/procedures`); call it while building
    /// the section, which provides the language.
    fn new(collection: &'static str) -> Self {
        let editor = Self {
            collection,
            lang: expect_context::<RwSignal<Lang>>(),
            items: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            errors: FieldErrors::new(),
            editing: RwSignal::new(None),
            busy: RwSignal::new(false),
        };
        editor.reload();
        editor
    }

    fn reload(self) {
        spawn_local(async move {
            let url = format!("{}?include_inactive=true", self.collection);
            match api::get::<Vec<T>>(&url).await {
                Ok(list) => self.items.set(list),
                Err(failure) => self.error.set(Some(failure)),
            }
        });
    }

    fn edit(self, draft: D) {
        self.errors.clear();
        self.error.set(None);
        self.editing.set(Some(draft));
    }

    /// Saves a checked input; on success closes the editor, says `saved_message` in
    /// `status` and reloads; on failure shows the problem and its fields.
    fn save<I: Serialize + 'static>(
        self,
        id: Option<i64>,
        input: I,
        status: RwSignal<Option<String>>,
        saved_message: impl Fn(&T, Lang) -> String + 'static,
    ) {
        self.errors.clear();
        self.busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = match id {
                Some(id) => api::put::<_, T>(&format!("{}/{id}", self.collection), &input).await,
                None => api::post::<_, T>(self.collection, &input).await,
            };
            self.busy.set(false);
            match result {
                Ok(saved) => {
                    self.error.set(None);
                    self.editing.set(None);
                    status.set(Some(saved_message(&saved, self.lang.get_untracked())));
                    self.reload();
                }
                Err(failure) => {
                    self.errors.take_from(&failure);
                    self.error.set(Some(failure));
                }
            }
        });
    }
}

/// The page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let status = RwSignal::new(None::<String>);
    view! {
        <h1>{move || lang.get().pick("手続・入力項目", "Procedures & form")}</h1>
        <p role="status" class="notice" data-testid="catalog-status">{move || status.get()}</p>
        <ProceduresSection status/>
        <FormFieldsSection status/>
        <LocationsSection status/>
    }
}

#[derive(Clone, Copy)]
struct ProcedureDraft {
    id: Option<i64>,
    code: RwSignal<String>,
    name_ja: RwSignal<String>,
    name_en: RwSignal<String>,
    bring_ja: RwSignal<String>,
    bring_en: RwSignal<String>,
    notes_ja: RwSignal<String>,
    notes_en: RwSignal<String>,
    units: RwSignal<String>,
    active: RwSignal<bool>,
    sort: RwSignal<String>,
}

impl ProcedureDraft {
    fn of(procedure: Option<&Procedure>, next_sort: i32) -> ProcedureDraft {
        let text = |pick: fn(&Procedure) -> &String| {
            RwSignal::new(procedure.map(pick).cloned().unwrap_or_default())
        };
        ProcedureDraft {
            id: procedure.map(|p| p.id),
            code: text(|p| &p.code),
            name_ja: text(|p| &p.name_ja),
            name_en: text(|p| &p.name_en),
            bring_ja: text(|p| &p.what_to_bring_ja),
            bring_en: text(|p| &p.what_to_bring_en),
            notes_ja: text(|p| &p.notes_ja),
            notes_en: text(|p| &p.notes_en),
            units: RwSignal::new(procedure.map_or(1, |p| p.units_per_person).to_string()),
            active: RwSignal::new(procedure.is_none_or(|p| p.active)),
            sort: RwSignal::new(procedure.map_or(next_sort, |p| p.sort_order).to_string()),
        }
    }

    fn input(&self) -> Result<ProcedureInput, Vec<FieldError>> {
        let mut wrong = Vec::new();
        let input = ProcedureInput {
            code: self.code.get_untracked().trim().to_owned(),
            name_ja: self.name_ja.get_untracked().trim().to_owned(),
            name_en: self.name_en.get_untracked().trim().to_owned(),
            what_to_bring_ja: self.bring_ja.get_untracked().trim().to_owned(),
            what_to_bring_en: self.bring_en.get_untracked().trim().to_owned(),
            notes_ja: self.notes_ja.get_untracked().trim().to_owned(),
            notes_en: self.notes_en.get_untracked().trim().to_owned(),
            units_per_person: number("units_per_person", &self.units.get_untracked(), &mut wrong),
            active: self.active.get_untracked(),
            sort_order: number("sort_order", &self.sort.get_untracked(), &mut wrong),
        };
        if let Err(more) = validate_procedure(&input) {
            wrong.extend(more);
        }
        if wrong.is_empty() {
            Ok(input)
        } else {
            Err(wrong)
        }
    }
}

#[component]
fn ProceduresSection(status: RwSignal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let editor = CatalogEditor::<Procedure, ProcedureDraft>::new("/api/v1/procedures");
    let (procedures, error, errors, editing, busy) = (
        editor.items,
        editor.error,
        editor.errors,
        editor.editing,
        editor.busy,
    );
    let edit = move |draft: ProcedureDraft| editor.edit(draft);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(draft) = editing.get_untracked() else {
            return;
        };
        match draft.input() {
            Ok(input) => editor.save(
                draft.id,
                input,
                status,
                |saved: &Procedure, lang| match lang {
                    Lang::Ja => format!("手続き「{}」を保存しました。", saved.name_ja),
                    Lang::En => format!("The procedure “{}” was saved.", saved.name_en),
                },
            ),
            Err(wrong) => errors.set(wrong),
        }
    };
    let rows = move || {
        let lang = lang.get();
        procedures
            .get()
            .into_iter()
            .map(|procedure| {
                let name = lang.pick(&procedure.name_ja, &procedure.name_en).to_owned();
                let for_edit = procedure.clone();
                view! {
                    <tr data-testid=format!("procedure-{}", procedure.code)>
                        <td>{procedure.sort_order}</td>
                        <th scope="row">{name.clone()}</th>
                        <td class="mono">{procedure.code.clone()}</td>
                        <td>{procedure.units_per_person}</td>
                        <td>{if procedure.active { lang.pick("受付中", "Bookable") } else { lang.pick("停止中", "Off") }}</td>
                        <td>
                            <button type="button" class="secondary small" on:click=move |_| edit(ProcedureDraft::of(Some(&for_edit), 0))>
                                {lang.pick("編集", "Edit")}
                                <span class="visually-hidden">{format!(" {name}")}</span>
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let next_sort = move || {
        procedures.with_untracked(|list| list.iter().map(|p| p.sort_order).max().unwrap_or(0) + 10)
    };
    view! {
        <section class="panel" aria-labelledby="procedures-heading">
            <h2 id="procedures-heading">{move || lang.get().pick("手続き（予約の種別）", "Procedures")}</h2>
            <CityProblem error=error.into()/>
            <ScrollBox>
                <table class="data-table" data-testid="procedures">
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().pick("表示順", "Order")}</th>
                            <th scope="col">{move || lang.get().pick("名前", "Name")}</th>
                            <th scope="col">{move || lang.get().pick("コード", "Code")}</th>
                            <th scope="col">{move || lang.get().pick("1人あたりの枠", "Seats per person")}</th>
                            <th scope="col">{move || lang.get().pick("受付", "Bookable")}</th>
                            <th scope="col">{move || lang.get().pick("操作", "Actions")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollBox>
            <button type="button" class="secondary" data-testid="new-procedure" on:click=move |_| edit(ProcedureDraft::of(None, next_sort()))>
                {move || lang.get().pick("手続きを追加", "Add a procedure")}
            </button>
            {move || editing.get().map(|draft| view! {
                <form class="slot-editor" on:submit=save novalidate=true data-testid="procedure-editor">
                    <h3>{move || match draft.id {
                        Some(_) => lang.get().pick("手続きの編集", "Edit the procedure"),
                        None => lang.get().pick("新しい手続き", "New procedure"),
                    }}</h3>
                    <div class="field-row">
                        <LabelledInput id="procedure-name-ja" field="name_ja" ja="名前（日本語）" en="Name (Japanese)" kind="text" value=draft.name_ja errors/>
                        <LabelledInput id="procedure-name-en" field="name_en" ja="名前（英語）" en="Name (English)" kind="text" value=draft.name_en errors/>
                        <LabelledInput id="procedure-code" field="code" ja="コード（半角英小文字・数字・_）" en="Code (a-z, 0-9, _)" kind="text" value=draft.code errors/>
                        <LabelledInput id="procedure-units" field="units_per_person" ja="1人あたりの枠数（1〜10）" en="Seats per person (1-10)" kind="number" value=draft.units errors/>
                        <LabelledInput id="procedure-sort" field="sort_order" ja="表示順" en="Order" kind="number" value=draft.sort errors/>
                    </div>
                    <LabelledTextarea id="procedure-bring-ja" field="what_to_bring_ja" ja="持参物（日本語）" en="What to bring (Japanese)" value=draft.bring_ja errors/>
                    <LabelledTextarea id="procedure-bring-en" field="what_to_bring_en" ja="持参物（英語）" en="What to bring (English)" value=draft.bring_en errors/>
                    <LabelledTextarea id="procedure-notes-ja" field="notes_ja" ja="留意事項（日本語）" en="Notes (Japanese)" value=draft.notes_ja errors/>
                    <LabelledTextarea id="procedure-notes-en" field="notes_en" ja="留意事項（英語）" en="Notes (English)" value=draft.notes_en errors/>
                    <LabelledCheckbox id="procedure-active" ja="予約を受け付ける" en="Bookable" value=draft.active/>
                    <div class="actions">
                        <button type="submit" class="primary" data-testid="save-procedure" prop:disabled=move || busy.get()>
                            {move || lang.get().pick("手続きを保存", "Save the procedure")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| { editing.set(None); errors.clear(); }>
                            {move || lang.get().pick("編集をやめる", "Discard changes")}
                        </button>
                    </div>
                </form>
            })}
        </section>
    }
}

#[derive(Clone, Copy)]
struct LocationDraft {
    id: Option<i64>,
    code: RwSignal<String>,
    name_ja: RwSignal<String>,
    name_en: RwSignal<String>,
    address_ja: RwSignal<String>,
    active: RwSignal<bool>,
    sort: RwSignal<String>,
}

impl LocationDraft {
    fn of(location: Option<&Location>, next_sort: i32) -> LocationDraft {
        let text = |pick: fn(&Location) -> &String| {
            RwSignal::new(location.map(pick).cloned().unwrap_or_default())
        };
        LocationDraft {
            id: location.map(|l| l.id),
            code: text(|l| &l.code),
            name_ja: text(|l| &l.name_ja),
            name_en: text(|l| &l.name_en),
            address_ja: text(|l| &l.address_ja),
            active: RwSignal::new(location.is_none_or(|l| l.active)),
            sort: RwSignal::new(location.map_or(next_sort, |l| l.sort_order).to_string()),
        }
    }

    fn input(&self) -> Result<LocationInput, Vec<FieldError>> {
        let mut wrong = Vec::new();
        let input = LocationInput {
            code: self.code.get_untracked().trim().to_owned(),
            name_ja: self.name_ja.get_untracked().trim().to_owned(),
            name_en: self.name_en.get_untracked().trim().to_owned(),
            address_ja: self.address_ja.get_untracked().trim().to_owned(),
            active: self.active.get_untracked(),
            sort_order: number("sort_order", &self.sort.get_untracked(), &mut wrong),
        };
        if let Err(more) = validate_location(&input) {
            wrong.extend(more);
        }
        if wrong.is_empty() {
            Ok(input)
        } else {
            Err(wrong)
        }
    }
}

#[component]
fn LocationsSection(status: RwSignal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let editor = CatalogEditor::<Location, LocationDraft>::new("/api/v1/locations");
    let (locations, error, errors, editing, busy) = (
        editor.items,
        editor.error,
        editor.errors,
        editor.editing,
        editor.busy,
    );
    let edit = move |draft: LocationDraft| editor.edit(draft);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(draft) = editing.get_untracked() else {
            return;
        };
        match draft.input() {
            Ok(input) => editor.save(
                draft.id,
                input,
                status,
                |saved: &Location, lang| match lang {
                    Lang::Ja => format!("窓口「{}」を保存しました。", saved.name_ja),
                    Lang::En => format!("The location “{}” was saved.", saved.name_en),
                },
            ),
            Err(wrong) => errors.set(wrong),
        }
    };
    let rows = move || {
        let lang = lang.get();
        locations
            .get()
            .into_iter()
            .map(|location| {
                let name = lang.pick(&location.name_ja, &location.name_en).to_owned();
                let for_edit = location.clone();
                view! {
                    <tr data-testid=format!("location-{}", location.code)>
                        <td>{location.sort_order}</td>
                        <th scope="row">{name.clone()}</th>
                        <td class="mono">{location.code.clone()}</td>
                        <td>{location.address_ja.clone()}</td>
                        <td>{if location.active { lang.pick("受付中", "Bookable") } else { lang.pick("停止中", "Off") }}</td>
                        <td>
                            <button type="button" class="secondary small" on:click=move |_| edit(LocationDraft::of(Some(&for_edit), 0))>
                                {lang.pick("編集", "Edit")}
                                <span class="visually-hidden">{format!(" {name}")}</span>
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let next_sort = move || {
        locations.with_untracked(|list| list.iter().map(|l| l.sort_order).max().unwrap_or(0) + 10)
    };
    view! {
        <section class="panel" aria-labelledby="locations-heading">
            <h2 id="locations-heading">{move || lang.get().pick("窓口", "Locations")}</h2>
            <CityProblem error=error.into()/>
            <ScrollBox>
                <table class="data-table" data-testid="locations">
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().pick("表示順", "Order")}</th>
                            <th scope="col">{move || lang.get().pick("名前", "Name")}</th>
                            <th scope="col">{move || lang.get().pick("コード", "Code")}</th>
                            <th scope="col">{move || lang.get().pick("所在地", "Address")}</th>
                            <th scope="col">{move || lang.get().pick("受付", "Bookable")}</th>
                            <th scope="col">{move || lang.get().pick("操作", "Actions")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollBox>
            <button type="button" class="secondary" data-testid="new-location" on:click=move |_| edit(LocationDraft::of(None, next_sort()))>
                {move || lang.get().pick("窓口を追加", "Add a location")}
            </button>
            {move || editing.get().map(|draft| view! {
                <form class="slot-editor" on:submit=save novalidate=true data-testid="location-editor">
                    <h3>{move || match draft.id {
                        Some(_) => lang.get().pick("窓口の編集", "Edit the location"),
                        None => lang.get().pick("新しい窓口", "New location"),
                    }}</h3>
                    <div class="field-row">
                        <LabelledInput id="location-name-ja" field="name_ja" ja="名前（日本語）" en="Name (Japanese)" kind="text" value=draft.name_ja errors/>
                        <LabelledInput id="location-name-en" field="name_en" ja="名前（英語）" en="Name (English)" kind="text" value=draft.name_en errors/>
                        <LabelledInput id="location-code" field="code" ja="コード（半角英小文字・数字・_）" en="Code (a-z, 0-9, _)" kind="text" value=draft.code errors/>
                        <LabelledInput id="location-address" field="address_ja" ja="所在地" en="Address" kind="text" value=draft.address_ja errors/>
                        <LabelledInput id="location-sort" field="sort_order" ja="表示順" en="Order" kind="number" value=draft.sort errors/>
                    </div>
                    <LabelledCheckbox id="location-active" ja="予約を受け付ける" en="Bookable" value=draft.active/>
                    <div class="actions">
                        <button type="submit" class="primary" data-testid="save-location" prop:disabled=move || busy.get()>
                            {move || lang.get().pick("窓口を保存", "Save the location")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| { editing.set(None); errors.clear(); }>
                            {move || lang.get().pick("編集をやめる", "Discard changes")}
                        </button>
                    </div>
                </form>
            })}
        </section>
    }
}

/// One contact field as edited.
#[derive(Clone, Copy)]
struct FieldRow {
    row_id: usize,
    /// Whether it already exists (its key then stays as it is).
    stored: bool,
    key: RwSignal<String>,
    label_ja: RwSignal<String>,
    label_en: RwSignal<String>,
    kind: RwSignal<FieldKind>,
    required: RwSignal<bool>,
}

const KINDS: [FieldKind; 6] = [
    FieldKind::Text,
    FieldKind::Katakana,
    FieldKind::Phone,
    FieldKind::Email,
    FieldKind::PostalCode,
    FieldKind::Date,
];

fn kind_label(kind: FieldKind, lang: Lang) -> &'static str {
    match kind {
        FieldKind::Text => lang.pick("文字", "Text"),
        FieldKind::Katakana => lang.pick("カタカナ", "Katakana"),
        FieldKind::Phone => lang.pick("電話番号", "Phone"),
        FieldKind::Email => lang.pick("メールアドレス", "Email"),
        FieldKind::PostalCode => lang.pick("郵便番号", "Postal code"),
        FieldKind::Date => lang.pick("日付", "Date"),
    }
}

fn focus_soon(id: String) {
    set_timeout(
        move || {
            if let Some(element) = document()
                .get_element_by_id(&id)
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = element.focus();
            }
        },
        std::time::Duration::from_millis(0),
    );
}

#[component]
fn FormFieldsSection(status: RwSignal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let rows = RwSignal::new(Vec::<FieldRow>::new());
    let next_id = StoredValue::new(0_usize);
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new();
    let busy = RwSignal::new(false);
    let make = move |field: &FormField, stored: bool| {
        let row_id = next_id.get_value();
        next_id.set_value(row_id + 1);
        FieldRow {
            row_id,
            stored,
            key: RwSignal::new(field.key.clone()),
            label_ja: RwSignal::new(field.label_ja.clone()),
            label_en: RwSignal::new(field.label_en.clone()),
            kind: RwSignal::new(field.kind),
            required: RwSignal::new(field.required),
        }
    };
    let show = move |fields: Vec<FormField>| {
        rows.set(fields.iter().map(|field| make(field, true)).collect());
    };
    spawn_local(async move {
        match api::get::<Vec<FormField>>("/api/v1/form-fields").await {
            Ok(fields) => show(fields),
            Err(failure) => error.set(Some(failure)),
        }
    });
    let position =
        move |row_id: usize| rows.with(|list| list.iter().position(|row| row.row_id == row_id));
    let shift = move |row_id: usize, up: bool| {
        let Some(index) =
            rows.with_untracked(|list| list.iter().position(|row| row.row_id == row_id))
        else {
            return;
        };
        let len = rows.with_untracked(Vec::len);
        let target = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|t| *t < len)
        };
        if let Some(target) = target {
            rows.update(|list| list.swap(index, target));
            errors.clear();
            let at_edge = if up { target == 0 } else { target + 1 == len };
            let which = match (up, at_edge) {
                (true, false) | (false, true) => "up",
                (true, true) | (false, false) => "down",
            };
            focus_soon(format!("field-{which}-{row_id}"));
        }
    };
    let add = move |_| {
        let field = FormField {
            key: String::new(),
            label_ja: String::new(),
            label_en: String::new(),
            kind: FieldKind::Text,
            required: false,
        };
        let row = make(&field, false);
        rows.update(|list| list.push(row));
        focus_soon(format!("field-key-{}", row.row_id));
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let fields: Vec<FormField> = rows.with_untracked(|list| {
            list.iter()
                .map(|row| FormField {
                    key: row.key.get_untracked().trim().to_owned(),
                    label_ja: row.label_ja.get_untracked().trim().to_owned(),
                    label_en: row.label_en.get_untracked().trim().to_owned(),
                    kind: row.kind.get_untracked(),
                    required: row.required.get_untracked(),
                })
                .collect()
        });
        errors.clear();
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = api::put::<_, Vec<FormField>>("/api/v1/form-fields", &fields).await;
            busy.set(false);
            match result {
                Ok(saved) => {
                    show(saved);
                    error.set(None);
                    status.set(Some(
                        lang.get_untracked()
                            .pick("入力項目を保存しました。", "The form fields were saved.")
                            .to_owned(),
                    ));
                }
                Err(failure) => {
                    errors.take_from(&failure);
                    error.set(Some(failure));
                }
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="form-fields-heading">
            <h2 id="form-fields-heading">{move || lang.get().pick("予約フォームの入力項目", "Booking form fields")}</h2>
            <p class="note">{move || lang.get().pick(
                "市民が予約時に入力する連絡先の項目です。並べ替えは「上へ」「下へ」で行い、最後に保存します。削除した項目は、保存済みの予約からは消えません。",
                "The contact fields citizens fill in. Reorder with Up and Down, then save. Removing a field keeps the values already stored with reservations.",
            )}</p>
            <CityProblem error=error.into()/>
            <form on:submit=save novalidate=true data-testid="form-fields">
                <ol class="plain form-field-list">
                    <For
                        each=move || rows.get()
                        key=|row| row.row_id
                        children=move |row: FieldRow| {
                            let id = row.row_id;
                            let index = Signal::derive(move || position(id).unwrap_or(0));
                            let count = Signal::derive(move || rows.with(Vec::len));
                            let title = move || {
                                let label = row.label_ja.get();
                                let shown = if label.is_empty() { row.key.get() } else { label };
                                match lang.get() {
                                    Lang::Ja => format!("{}番目: {shown}", index.get() + 1),
                                    Lang::En => format!("Field {}: {shown}", index.get() + 1),
                                }
                            };
                            let path = move |part: &str| format!("[{}].{part}", index.get());
                            let key_id = format!("field-key-{id}");
                            let ja_id = format!("field-label-ja-{id}");
                            let en_id = format!("field-label-en-{id}");
                            let kind_id = format!("field-kind-{id}");
                            let required_id = format!("field-required-{id}");
                            view! {
                                <li>
                                    <fieldset class="city-fieldset" data-testid=format!("form-field-{}", row.key.get_untracked())>
                                        <legend>{title}</legend>
                                        <div class="field-row">
                                            <div class="field">
                                                <label for=key_id.clone()>{move || lang.get().pick("キー（半角英小文字・数字・_）", "Key (a-z, 0-9, _)")}</label>
                                                <input id=key_id.clone() type="text" readonly=row.stored
                                                    aria-describedby=format!("{key_id}-error")
                                                    aria-invalid=move || errors.message(&path("key"), lang.get()).map(|_| "true")
                                                    prop:value=move || row.key.get()
                                                    on:input=move |event| row.key.set(event_target_value(&event))/>
                                                <p class="field-error" id=format!("{key_id}-error")>{move || errors.message(&path("key"), lang.get())}</p>
                                            </div>
                                            <div class="field">
                                                <label for=ja_id.clone()>{move || lang.get().pick("項目名（日本語）", "Label (Japanese)")}</label>
                                                <input id=ja_id.clone() type="text"
                                                    aria-describedby=format!("{ja_id}-error")
                                                    aria-invalid=move || errors.message(&path("label_ja"), lang.get()).map(|_| "true")
                                                    prop:value=move || row.label_ja.get()
                                                    on:input=move |event| row.label_ja.set(event_target_value(&event))/>
                                                <p class="field-error" id=format!("{ja_id}-error")>{move || errors.message(&path("label_ja"), lang.get())}</p>
                                            </div>
                                            <div class="field">
                                                <label for=en_id.clone()>{move || lang.get().pick("項目名（英語）", "Label (English)")}</label>
                                                <input id=en_id.clone() type="text"
                                                    aria-describedby=format!("{en_id}-error")
                                                    aria-invalid=move || errors.message(&path("label_en"), lang.get()).map(|_| "true")
                                                    prop:value=move || row.label_en.get()
                                                    on:input=move |event| row.label_en.set(event_target_value(&event))/>
                                                <p class="field-error" id=format!("{en_id}-error")>{move || errors.message(&path("label_en"), lang.get())}</p>
                                            </div>
                                            <div class="field">
                                                <label for=kind_id.clone()>{move || lang.get().pick("種類", "Kind")}</label>
                                                <select id=kind_id.clone() on:change=move |event| {
                                                    if let Some(kind) = FieldKind::parse(&event_target_value(&event)) {
                                                        row.kind.set(kind);
                                                    }
                                                }>
                                                    {move || KINDS.into_iter().map(|kind| view! {
                                                        <option value=kind.as_str() selected=move || row.kind.get() == kind>{kind_label(kind, lang.get())}</option>
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                        </div>
                                        <div class="field checkbox">
                                            <input id=required_id.clone() type="checkbox" data-testid=required_id.clone()
                                                prop:checked=move || row.required.get()
                                                on:change=move |event| row.required.set(event_target_checked(&event))/>
                                            <label for=required_id.clone()>{move || lang.get().pick("必須にする", "Required")}</label>
                                        </div>
                                        <div class="row-actions">
                                            <button type="button" class="secondary small" id=format!("field-up-{id}")
                                                prop:disabled=move || index.get() == 0
                                                on:click=move |_| shift(id, true)>
                                                {move || lang.get().pick("上へ", "Up")}
                                                <span class="visually-hidden">{move || format!(" ({})", title())}</span>
                                            </button>
                                            <button type="button" class="secondary small" id=format!("field-down-{id}")
                                                prop:disabled={move || index.get() + 1 >= count.get()}
                                                on:click=move |_| shift(id, false)>
                                                {move || lang.get().pick("下へ", "Down")}
                                                <span class="visually-hidden">{move || format!(" ({})", title())}</span>
                                            </button>
                                            <button type="button" class="danger small"
                                                on:click=move |_| rows.update(|list| list.retain(|other| other.row_id != id))>
                                                {move || lang.get().pick("この項目を削除", "Remove this field")}
                                                <span class="visually-hidden">{move || format!(" ({})", title())}</span>
                                            </button>
                                        </div>
                                    </fieldset>
                                </li>
                            }
                        }
                    />
                </ol>
                <div class="actions">
                    <button type="button" class="secondary" data-testid="add-form-field" on:click=add>
                        {move || lang.get().pick("項目を追加", "Add a field")}
                    </button>
                    <button type="submit" class="primary" data-testid="save-form-fields" prop:disabled=move || busy.get()>
                        {move || lang.get().pick("入力項目を保存", "Save the form fields")}
                    </button>
                </div>
            </form>
        </section>
    }
}
