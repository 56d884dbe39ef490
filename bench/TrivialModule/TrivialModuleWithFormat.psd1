@{
    # The same two empty cmdlets plus a one-view format file: what any format file costs at import.
    RootModule        = 'TrivialModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0c2b7e4d-51a9-4f63-8e0a-3d6c1f9b2e74'
    Author            = 'Cdss contributors'
    Description       = 'Import-time floor for the Cdss benchmark, with a one-view format file.'
    PowerShellVersion = '5.1'
    FormatsToProcess  = @('Trivial.Format.ps1xml')
    CmdletsToExport   = @('Get-Trivial', 'Set-Trivial')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
