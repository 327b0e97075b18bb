//! Locations: names, and whether they take bookings.

use leptos::prelude::*;
use madoguchi_shared::dto::catalog::{Location, LocationInput};
use madoguchi_shared::error::FieldError;
use madoguchi_shared::validate::catalog::validate_location;

use super::editor::{CatalogEditor, number};
use crate::api::catalog;
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{LabelledCheckbox, LabelledInput};
use crate::components::loading::{Audience, Loading, load_failed};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

#[derive(Clone, Copy)]
pub(super) struct LocationDraft {
    pub(super) id: Option<i64>,
    pub(super) code: RwSignal<String>,
    pub(super) name_ja: RwSignal<String>,
    pub(super) name_en: RwSignal<String>,
    pub(super) address_ja: RwSignal<String>,
    pub(super) active: RwSignal<bool>,
    pub(super) sort: RwSignal<String>,
}
impl LocationDraft {
    pub(super) fn of(location: Option<&Location>, next_sort: i32) -> LocationDraft {
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

    pub(super) fn input(&self) -> Result<LocationInput, Vec<FieldError>> {
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
pub(super) fn LocationsSection(status: RwSignal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let editor = CatalogEditor::<Location, LocationDraft>::new(catalog::LOCATIONS);
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
    let rows = move |list: Vec<Location>| {
        let lang = lang.get();
        list.into_iter()
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
    let next_sort = move || editor.next_sort(|item| item.sort_order);
    view! {
        <section class="panel" aria-labelledby="locations-heading">
            <h2 id="locations-heading">{move || lang.get().pick("窓口", "Locations")}</h2>
            <CityProblem error=error.into()/>
            <Transition fallback=|| view! { <Loading/> }>
            {move || locations.get().map(|loaded| match loaded {
                Err(failure) => load_failed(Audience::City, failure),
                Ok(list) => view! {
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
                    <tbody>{move || rows(list.clone())}</tbody>
                </table>
            </ScrollBox>
                }
                .into_any(),
            })}
            </Transition>
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
