@{
    RootModule        = 'TrivialModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '6f0d3a52-2a8e-4c1b-9d35-0b7e3f2c8a11'
    Author            = 'Cdss contributors'
    Description       = 'Import-time floor for the Cdss benchmark: two empty cmdlets, nothing else.'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-Trivial', 'Set-Trivial')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
