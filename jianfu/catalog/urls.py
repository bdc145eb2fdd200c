from django.urls import path

from . import views, views_citations

app_name = "catalog"

urlpatterns = [
    path("lists/", views.lists_index, name="index"),
    path("lists/v/<int:number>/", views.version_detail, name="version"),
    path("lists/draft/", views.draft_detail, name="draft"),
    path("lists/draft/open/", views.draft_open, name="draft_open"),
    path("lists/draft/discard/", views.draft_discard, name="draft_discard"),
    path("lists/draft/items/new/", views.item_new, name="item_new"),
    path("lists/draft/items/<int:pk>/", views.item_edit, name="item_edit"),
    path("lists/draft/items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("lists/draft/publish/", views.publish, name="publish"),
    path("lists/diff/", views.diff, name="diff"),
    path("lists/citations/", views_citations.citations, name="citations"),
    path("lists/citations/<str:key>/", views_citations.citation_edit, name="citation_edit"),
    path("lists/citations/<str:key>/reset/", views_citations.citation_reset, name="citation_reset"),
    path("lists/import/", views.import_items, name="import"),
    path("lists/template.xlsx", views.template_xlsx, name="template"),
    path("lists/<str:number>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("lists/<str:number>/export.pdf", views.export_pdf, name="export_pdf"),
    path("public/lists/", views.public_index, name="public_index"),
    path("public/lists/<str:region_code>/", views.public_lists, name="public"),
    path("public/lists/<str:region_code>/v/<int:number>/", views.public_version, name="public_version"),
    path("public/lists/<str:region_code>/items/<str:code>/", views.public_item, name="public_item"),
]
